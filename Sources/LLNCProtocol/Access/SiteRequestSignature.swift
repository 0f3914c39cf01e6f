/// A site's signature on a read request to the hub (SPEC.md §14), so a node can fetch its
/// own published comparison with the key it already enrolled, and no other secret.
///
/// Sent as the header `LLNC-Site-Signature: la=353; t=1748770000; sig=<base64url>`. The
/// signature is Ed25519 over the canonical encoding (§3) of the domain string
/// `llnc/site-request/v1`, the LA number, the method, the path with its query, and `t`
/// (seconds since the epoch). The hub accepts it only from the site's current key, only
/// within the clock-skew allowance (§8) either side of its own clock, and only for reads.
public struct SiteRequestSignature: Hashable, Sendable, CustomStringConvertible {
    public static let headerName = "LLNC-Site-Signature"
    static let domain = "llnc/site-request/v1"

    public let laNumber: String
    public let timestamp: Int64
    public let signature: [UInt8]

    public init(laNumber: String, timestamp: Int64, signature: [UInt8]) {
        self.laNumber = laNumber
        self.timestamp = timestamp
        self.signature = signature
    }

    /// Signs `method` and `pathAndQuery` (e.g. `/v1/sites/353/profile?period=2024-25`) as
    /// the site at `now`.
    public static func sign(
        laNumber: String, method: String, pathAndQuery: String, now: Int64, key: SigningKeyPair
    ) -> SiteRequestSignature {
        let message = signedBytes(laNumber: laNumber, method: method, pathAndQuery: pathAndQuery, timestamp: now)
        return SiteRequestSignature(laNumber: laNumber, timestamp: now, signature: key.sign(message))
    }

    static func signedBytes(laNumber: String, method: String, pathAndQuery: String, timestamp: Int64) -> [UInt8] {
        var encoder = CanonicalEncoder()
        encoder.string(domain)
        encoder.string(laNumber)
        encoder.string(method.uppercased())
        encoder.string(pathAndQuery)
        encoder.i64(timestamp)
        return encoder.output
    }

    /// Checks the signature against the site's current key and the clock. Throws
    /// `signatureInvalid` for a bad signature and `clockSkew` for a stale or future `t`.
    public func verify(
        method: String, pathAndQuery: String, siteSigningKey: [UInt8], now: Int64,
        allowance: Int64 = Limits.clockSkewAllowance
    ) throws(ProtocolError) {
        let message = Self.signedBytes(laNumber: laNumber, method: method, pathAndQuery: pathAndQuery, timestamp: timestamp)
        guard SigningKeyPair.verify(signature: signature, message: message, publicKey: siteSigningKey) else {
            throw .signatureInvalid
        }
        guard abs(timestamp - now) <= allowance else {
            throw .clockSkew(secondsAhead: timestamp - now, allowance: allowance)
        }
    }

    public var description: String { "la=\(laNumber); t=\(timestamp); sig=\(Base64URL.encode(signature))" }

    /// Reads the header value.
    public init(parsing text: String) throws(ProtocolError) {
        var fields: [String: String] = [:]
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
            guard pair.count == 2, fields[pair[0]] == nil else {
                throw .malformed(field: Self.headerName, reason: "must be `la=LA; t=SECONDS; sig=BASE64URL`")
            }
            fields[pair[0]] = pair[1]
        }
        guard fields.count == 3, let la = fields["la"], let t = fields["t"], let sig = fields["sig"] else {
            throw .malformed(field: Self.headerName, reason: "must be `la=LA; t=SECONDS; sig=BASE64URL`")
        }
        guard la.utf8.count == 3, la.utf8.allSatisfy(Pattern.isDigit) else {
            throw .malformed(field: Self.headerName, reason: "la is not a 3-digit LA number")
        }
        guard let timestamp = Int64(t) else { throw .malformed(field: Self.headerName, reason: "t is not a whole number of seconds") }
        guard let signature = Base64URL.decode(sig), signature.count == 64 else {
            throw .malformed(field: Self.headerName, reason: "sig is not a 64-byte base64url signature")
        }
        self.init(laNumber: la, timestamp: timestamp, signature: signature)
    }
}
