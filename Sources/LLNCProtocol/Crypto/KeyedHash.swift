import CSodium

/// Keyed BLAKE2b (libsodium `crypto_generichash` with a key): the pseudonymisation primitive.
///
/// A node replaces every child identifier with `KeyedHash(siteSecret).digest(id)` at ingest,
/// so the same child links across datasets and years while the identifier itself is never
/// stored. Without the site secret (32 bytes, never leaves the node) the digest cannot be
/// reversed by enumerating plausible identifiers.
public struct KeyedHash: Sendable {
    public static let keyLength = 32
    private let key: [UInt8]

    public init(key: [UInt8]) throws(ProtocolError) {
        guard key.count == Self.keyLength else {
            throw .malformed(field: "pseudonymisation key", reason: "must be \(Self.keyLength) bytes, got \(key.count)")
        }
        _ = Sodium.ready
        self.key = key
    }

    /// A fresh random key from libsodium's CSPRNG.
    public static func generateKey() -> [UInt8] { Sodium.randomBytes(keyLength) }

    /// 32-byte keyed digest of `input`.
    public func digest(_ input: some Collection<UInt8>) -> [UInt8] {
        let bytes = Array(input)
        var out = [UInt8](repeating: 0, count: 32)
        crypto_generichash(&out, 32, bytes, UInt64(bytes.count), key, key.count)
        return out
    }

    /// Lowercase hex of the keyed digest of the UTF-8 bytes of `text`.
    public func hexDigest(_ text: String) -> String { Hex.encode(digest(Array(text.utf8))) }
}
