import CSodium

/// The one place libsodium is initialised. Every type that calls libsodium reads
/// `Sodium.ready` first; `sodium_init()` is idempotent and thread-safe, but a failure
/// (no entropy source) must stop the program before any key is made.
enum Sodium {
    static let ready: Void = {
        guard sodium_init() >= 0 else {
            preconditionFailure("libsodium could not initialise (no entropy source?)")
        }
    }()

    /// Cryptographically secure random bytes from libsodium's CSPRNG.
    static func randomBytes(_ count: Int) -> [UInt8] {
        _ = ready
        var bytes = [UInt8](repeating: 0, count: count)
        randombytes_buf(&bytes, count)
        return bytes
    }

    /// Unkeyed BLAKE2b with the given output length (16...64 bytes).
    static func blake2b(_ input: [UInt8], length: Int = 32) -> [UInt8] {
        _ = ready
        var out = [UInt8](repeating: 0, count: length)
        crypto_generichash(&out, length, input, UInt64(input.count), nil, 0)
        return out
    }

    /// Constant-time comparison, for secrets and MACs.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        _ = ready
        guard a.count == b.count else { return false }
        return sodium_memcmp(a, b, a.count) == 0
    }
}

/// Random identifiers for the layers above (a page session's id): libsodium's CSPRNG.
public enum SecureRandom {
    public static func bytes(_ count: Int) -> [UInt8] { Sodium.randomBytes(count) }
}
