/// A bearer token for the hub's query API (hub/README.md, "Roles and tokens"):
/// `llnc-api-v1.<id>.<secret>`, sent as `Authorization: Bearer <token>`.
///
/// The id (8 random bytes, hex) names the token in listings, the query log and `tokens
/// revoke`, and is no secret. The secret (32 random bytes, base64url) is printed once when
/// the token is made; the hub keeps only its BLAKE2b-256 hash, as it does for enrolment
/// tokens, so a copy of the hub's store does not hold a usable token.
public struct AccessToken: Hashable, Sendable, CustomStringConvertible {
    public static let prefix = "llnc-api-v1"
    public let id: String
    public let secret: [UInt8]

    public init(id: String, secret: [UInt8]) {
        self.id = id
        self.secret = secret
    }

    /// A fresh token from libsodium's CSPRNG.
    public static func issue() -> AccessToken {
        AccessToken(id: Hex.encode(Sodium.randomBytes(8)), secret: Sodium.randomBytes(32))
    }

    /// What the hub stores instead of the secret.
    public var secretHash: [UInt8] { Self.hash(secret: secret) }
    public static func hash(secret: [UInt8]) -> [UInt8] { Sodium.blake2b(secret) }

    public var description: String { "\(Self.prefix).\(id).\(Base64URL.encode(secret))" }

    /// Reads a token as a caller sends it; the error says what is wrong with its form only.
    public init(parsing text: String) throws(ProtocolError) {
        let parts = text.trimmingWhitespace().split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == Self.prefix else {
            throw .malformed(field: "Authorization", reason: "is not a bearer token of the form \(Self.prefix).ID.SECRET")
        }
        guard parts[1].utf8.count == 16, let id = Hex.decode(parts[1]), id.count == 8 else {
            throw .malformed(field: "Authorization", reason: "has a token id that is not 16 hex characters")
        }
        guard let secret = Base64URL.decode(parts[2]), secret.count == 32 else {
            throw .malformed(field: "Authorization", reason: "has a token secret that is not 32 bytes of base64url")
        }
        self.init(id: parts[1], secret: secret)
    }
}
