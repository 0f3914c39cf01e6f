/// A short, stable name for a public key: the lowercase hex of the first 16 bytes of
/// BLAKE2b-256 over the canonical encoding of (`"llnc/key-id/v1"`, algorithm, public key).
///
/// The algorithm is part of the hash so an Ed25519 key and an X25519 key with the same 32
/// bytes never share an id (SPEC.md §2).
public struct KeyID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let hex: String

    public init(ed25519 publicKey: [UInt8]) { self.init(algorithm: "ed25519", publicKey: publicKey) }
    public init(x25519 publicKey: [UInt8]) { self.init(algorithm: "x25519", publicKey: publicKey) }

    private init(algorithm: String, publicKey: [UInt8]) {
        var encoder = CanonicalEncoder()
        encoder.string("llnc/key-id/v1")
        encoder.string(algorithm)
        encoder.bytes(publicKey)
        hex = Hex.encode(Sodium.blake2b(encoder.output, length: 32).prefix(16))
    }

    /// Accepts a key id as written on the wire: exactly 32 lowercase hex characters.
    public init(validating text: String, field: String) throws(ProtocolError) {
        guard text.utf8.count == 32, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw .malformed(field: field, reason: "must be 32 lowercase hex characters")
        }
        hex = text
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(validating: text, field: decoder.codingPath.map(\.stringValue).joined(separator: ".")) } catch { throw error }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hex)
    }

    public var description: String { hex }
}
