import LLNCProtocol
import Testing

/// SPEC.md §14: a site's signature binds its LA number, the method, the path with its query
/// and the time, and is accepted only within the clock-skew allowance.
@Suite(.timeLimit(.minutes(10)))
struct SiteRequestSignatureTests {
    static let key = try! SigningKeyPair(seed: [UInt8](repeating: 1, count: 32))
    static let now: Int64 = 1_748_770_000
    static let path = "/v1/sites/353/profile?period=2024-25"

    @Test func aSignatureSurvivesItsHeaderAndVerifies() throws {
        let signature = SiteRequestSignature.sign(laNumber: "353", method: "GET", pathAndQuery: Self.path, now: Self.now, key: Self.key)
        let parsed = try SiteRequestSignature(parsing: signature.description)
        #expect(parsed == signature)
        try parsed.verify(method: "GET", pathAndQuery: Self.path, siteSigningKey: Self.key.publicKey, now: Self.now + 299)
    }

    @Test(arguments: [
        ("GET", "/v1/sites/353/profile?period=2023-24"), ("POST", path), ("GET", "/v1/sites/354/profile?period=2024-25"),
    ])
    func anotherMethodOrPathDoesNotVerify(method: String, path: String) {
        let signature = SiteRequestSignature.sign(laNumber: "353", method: "GET", pathAndQuery: Self.path, now: Self.now, key: Self.key)
        #expect(throws: ProtocolError.signatureInvalid) {
            try signature.verify(method: method, pathAndQuery: path, siteSigningKey: Self.key.publicKey, now: Self.now)
        }
    }

    @Test func anotherKeyOrAStaleClockIsRefused() {
        let signature = SiteRequestSignature.sign(laNumber: "353", method: "GET", pathAndQuery: Self.path, now: Self.now, key: Self.key)
        #expect(throws: ProtocolError.signatureInvalid) {
            try signature.verify(method: "GET", pathAndQuery: Self.path, siteSigningKey: SigningKeyPair.generate().publicKey, now: Self.now)
        }
        #expect(throws: ProtocolError.clockSkew(secondsAhead: -301, allowance: 300)) {
            try signature.verify(method: "GET", pathAndQuery: Self.path, siteSigningKey: Self.key.publicKey, now: Self.now + 301)
        }
    }

    @Test(arguments: ["", "la=353; t=1", "la=35; t=1; sig=AAAA", "la=353; t=x; sig=AAAA", "la=353; la=354; t=1; sig=AAAA"])
    func aMalformedHeaderIsRefused(header: String) {
        #expect(throws: ProtocolError.self) { try SiteRequestSignature(parsing: header) }
    }

    @Test func anAccessTokenRoundTripsAndKeepsOnlyItsHash() throws {
        let token = AccessToken.issue()
        #expect(try AccessToken(parsing: token.description) == token)
        #expect(token.secretHash.count == 32 && token.secretHash != token.secret)
        #expect(throws: ProtocolError.self) { try AccessToken(parsing: "llnc-api-v1.0011.abc") }
    }
}
