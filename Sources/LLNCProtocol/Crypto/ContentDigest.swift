/// Unkeyed BLAKE2b-256 of public content (a catalogue's canonical form, an audit entry), so
/// modules above the protocol can name content by its digest with the same primitive the
/// protocol uses for envelope digests, without reaching into libsodium themselves.
public enum ContentDigest {
    /// The 32-byte BLAKE2b digest of `bytes`.
    public static func blake2b256(_ bytes: [UInt8]) -> [UInt8] { Sodium.blake2b(bytes) }

    /// Lowercase hex of the BLAKE2b-256 digest of `bytes` (64 characters).
    public static func hex(_ bytes: [UInt8]) -> String { Hex.encode(blake2b256(bytes)) }
}
