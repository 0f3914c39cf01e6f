import CSodium

/// The hub's X25519 key pair for libsodium sealed boxes (`crypto_box_seal`).
///
/// Why a sealed box and not `crypto_box` with a site X25519 key: the site is already
/// authenticated by its Ed25519 signature over the header, which commits to the
/// ciphertext's digest; a sealed box adds nothing to forge and gives each envelope a fresh
/// ephemeral key, so a leaked site key never decrypts past submissions.
public struct SealingKeyPair: Sendable {
    public static let seedLength = 32
    public let publicKey: [UInt8]
    private let secretKey: [UInt8]
    public let seed: [UInt8]

    public init(seed: [UInt8]) throws(ProtocolError) {
        guard seed.count == Self.seedLength else {
            throw .malformed(field: "sealing key seed", reason: "must be \(Self.seedLength) bytes, got \(seed.count)")
        }
        _ = Sodium.ready
        var pk = [UInt8](repeating: 0, count: Int(crypto_box_publickeybytes()))
        var sk = [UInt8](repeating: 0, count: Int(crypto_box_secretkeybytes()))
        crypto_box_seed_keypair(&pk, &sk, seed)
        self.publicKey = pk
        self.secretKey = sk
        self.seed = seed
    }

    public static func generate() -> SealingKeyPair {
        try! SealingKeyPair(seed: Sodium.randomBytes(seedLength))
    }

    public var keyID: KeyID { KeyID(x25519: publicKey) }

    /// What sealing adds to a message: an ephemeral public key and a tag (48 bytes).
    public static let overhead = Int(crypto_box_sealbytes())

    /// Seals `message` to `recipient` with a fresh random ephemeral key (`crypto_box_seal`).
    public static func seal(_ message: [UInt8], to recipient: [UInt8]) throws(ProtocolError) -> [UInt8] {
        _ = Sodium.ready
        guard recipient.count == Int(crypto_box_publickeybytes()) else {
            throw .malformed(field: "hub sealing key", reason: "must be \(crypto_box_publickeybytes()) bytes")
        }
        var out = [UInt8](repeating: 0, count: message.count + Self.overhead)
        guard crypto_box_seal(&out, message, UInt64(message.count), recipient) == 0 else {
            throw .malformed(field: "hub sealing key", reason: "is not a valid X25519 public key")
        }
        return out
    }

    /// The sealed-box construction with a caller-chosen ephemeral seed, for golden vectors
    /// only: `epk ‖ crypto_box_easy(m, nonce = BLAKE2b-192(epk ‖ pk), pk, esk)`. The output
    /// is byte-for-byte what `crypto_box_seal` would produce with that ephemeral key and
    /// opens with `crypto_box_seal_open`. Never use it for real submissions: a reused
    /// ephemeral seed reuses the shared key.
    public static func sealDeterministically(
        _ message: [UInt8], to recipient: [UInt8], ephemeralSeed: [UInt8]
    ) throws(ProtocolError) -> [UInt8] {
        let ephemeral = try SealingKeyPair(seed: ephemeralSeed)
        let nonce = Sodium.blake2b(ephemeral.publicKey + recipient, length: Int(crypto_box_noncebytes()))
        var boxed = [UInt8](repeating: 0, count: message.count + Int(crypto_box_macbytes()))
        guard crypto_box_easy(&boxed, message, UInt64(message.count), nonce, recipient, ephemeral.secretKey) == 0 else {
            throw .malformed(field: "hub sealing key", reason: "is not a valid X25519 public key")
        }
        return ephemeral.publicKey + boxed
    }

    /// Opens a sealed box addressed to this key pair; `nil` when it was not sealed to us or
    /// was altered.
    public func open(_ sealed: [UInt8]) -> [UInt8]? {
        guard sealed.count >= Self.overhead else { return nil }
        var out = [UInt8](repeating: 0, count: sealed.count - Self.overhead)
        guard crypto_box_seal_open(&out, sealed, UInt64(sealed.count), publicKey, secretKey) == 0 else {
            return nil
        }
        return out
    }
}
