/// A one-time enrolment token that the hub operator gives a site out of band
/// (SPEC.md §9.1): `llnc-enrol-v1:<la>:<expires>:<secret>:<pin>`.
///
/// The secret (32 random bytes, base64url) proves the operator invited this site; the hub
/// stores only its BLAKE2b-256 hash and marks it used on first enrolment. The pin (hex
/// BLAKE2b-256 of the hub's keys) lets the node refuse an impostor hub on first contact.
public struct EnrolmentToken: Hashable, Sendable, CustomStringConvertible {
    public static let prefix = "llnc-enrol-v1"
    public let laNumber: String
    public let expiresAt: Int64
    public let secret: [UInt8]
    public let hubKeysPin: [UInt8]

    public init(laNumber: String, expiresAt: Int64, secret: [UInt8], hubKeysPin: [UInt8]) {
        self.laNumber = laNumber
        self.expiresAt = expiresAt
        self.secret = secret
        self.hubKeysPin = hubKeysPin
    }

    /// A fresh token for `laNumber`, valid for `lifetime` seconds from `now`.
    public static func issue(laNumber: String, hubKeys: HubKeySet, now: Int64, lifetime: Int64 = Limits.enrolmentTokenLifetime) -> EnrolmentToken {
        EnrolmentToken(laNumber: laNumber, expiresAt: now + lifetime, secret: Sodium.randomBytes(32), hubKeysPin: hubKeys.pin)
    }

    /// What the hub stores instead of the secret.
    public var secretHash: [UInt8] { Self.hash(secret: secret) }
    public static func hash(secret: [UInt8]) -> [UInt8] { Sodium.blake2b(secret) }

    public var description: String {
        "\(Self.prefix):\(laNumber):\(expiresAt):\(Base64URL.encode(secret)):\(Hex.encode(hubKeysPin))"
    }

    public init(parsing text: String) throws(ProtocolError) {
        let parts = text.trimmingWhitespace().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == Self.prefix else {
            throw .enrolmentTokenInvalid(reason: "it is not of the form \(Self.prefix):LA:EXPIRES:SECRET:PIN (copy it whole)")
        }
        guard parts[1].utf8.count == 3, parts[1].utf8.allSatisfy(Pattern.isDigit) else {
            throw .enrolmentTokenInvalid(reason: "the LA number is not 3 digits")
        }
        guard let expires = Int64(parts[2]) else { throw .enrolmentTokenInvalid(reason: "the expiry is not a number") }
        guard let secret = Base64URL.decode(parts[3]), secret.count == 32 else {
            throw .enrolmentTokenInvalid(reason: "the secret is not 32 bytes of base64url")
        }
        guard let pin = Hex.decode(parts[4]), pin.count == 32 else {
            throw .enrolmentTokenInvalid(reason: "the hub key pin is not 64 hex characters")
        }
        self.init(laNumber: parts[1], expiresAt: expires, secret: secret, hubKeysPin: pin)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
