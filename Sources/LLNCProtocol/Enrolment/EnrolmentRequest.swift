import Foundation

/// What a node sends to `POST /v1/enrol` (SPEC.md §9.2): the token's secret, the site's new
/// Ed25519 public key, and a signature by that key proving the node holds it.
public struct EnrolmentRequest: Hashable, Sendable, Codable {
    public var protocolVersion: Int
    public var site: SiteID
    public var tokenSecret: [UInt8]
    public var signingKey: [UInt8]
    public var signature: [UInt8]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case site, signature
        case protocolVersion = "protocol_version"
        case tokenSecret = "token_secret"
        case signingKey = "signing_key"
    }

    public static func make(site: SiteID, token: EnrolmentToken, siteKey: SigningKeyPair) -> EnrolmentRequest {
        var request = EnrolmentRequest(protocolVersion: 1, site: site, tokenSecret: token.secret, signingKey: siteKey.publicKey, signature: [])
        request.signature = siteKey.sign(request.canonicalBytes)
        return request
    }

    init(protocolVersion: Int, site: SiteID, tokenSecret: [UInt8], signingKey: [UInt8], signature: [UInt8]) {
        self.protocolVersion = protocolVersion
        self.site = site
        self.tokenSecret = tokenSecret
        self.signingKey = signingKey
        self.signature = signature
    }

    public var canonicalBytes: [UInt8] {
        var e = CanonicalEncoder()
        e.string("llnc/enrolment-request/v1")
        e.u16(UInt16(protocolVersion))
        e.string(site.laNumber)
        e.string(site.onsCode)
        e.bytes(tokenSecret)
        e.bytes(signingKey)
        return e.output
    }

    /// Proof of possession: the request is signed by the key it enrols.
    public func verifyProofOfPossession() throws(ProtocolError) {
        guard SigningKeyPair.verify(signature: signature, message: canonicalBytes, publicKey: signingKey) else {
            throw .signatureInvalid
        }
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        protocolVersion = try c.decodeProtocolVersion(forKey: .protocolVersion)
        site = try c.decode(SiteID.self, forKey: .site)
        tokenSecret = try c.decodeBase64(forKey: .tokenSecret)
        signingKey = try c.decodeBase64(forKey: .signingKey, bytes: 32, what: "an Ed25519 public key")
        signature = try c.decodeBase64(forKey: .signature, bytes: 64, what: "an Ed25519 signature")
        guard tokenSecret.count == 32, signingKey.count == 32 else {
            throw ProtocolError.malformed(field: "token_secret/signing_key", reason: "must be 32 bytes each")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(protocolVersion, forKey: .protocolVersion)
        try c.encode(site, forKey: .site)
        try c.encode(Data(tokenSecret).base64EncodedString(), forKey: .tokenSecret)
        try c.encode(Data(signingKey).base64EncodedString(), forKey: .signingKey)
        try c.encode(Data(signature).base64EncodedString(), forKey: .signature)
    }

    public func jsonBytes() -> [UInt8] { WireJSON.encode(self) }

    public static func decode(json: [UInt8]) throws(ProtocolError) -> EnrolmentRequest {
        try WireJSON.decode(EnrolmentRequest.self, from: json, what: "enrolment request")
    }
}
