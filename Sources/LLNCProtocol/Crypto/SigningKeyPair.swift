import CSodium

/// An Ed25519 key pair (libsodium `crypto_sign_*`): a site's identity, and the hub's key for
/// signing receipts. Signatures are detached and deterministic.
public struct SigningKeyPair: Sendable {
    public static let seedLength = 32
    public let publicKey: [UInt8]
    /// libsodium's 64-byte secret key (seed followed by public key).
    private let secretKey: [UInt8]
    /// The 32-byte seed the pair was derived from: what a node or hub keeps on disk.
    public let seed: [UInt8]

    /// Derives the pair from a 32-byte seed, so keys can be stored as a seed and golden
    /// vectors can be reproduced.
    public init(seed: [UInt8]) throws(ProtocolError) {
        guard seed.count == Self.seedLength else {
            throw .malformed(field: "signing key seed", reason: "must be \(Self.seedLength) bytes, got \(seed.count)")
        }
        _ = Sodium.ready
        var pk = [UInt8](repeating: 0, count: Int(crypto_sign_publickeybytes()))
        var sk = [UInt8](repeating: 0, count: Int(crypto_sign_secretkeybytes()))
        crypto_sign_seed_keypair(&pk, &sk, seed)
        self.publicKey = pk
        self.secretKey = sk
        self.seed = seed
    }

    /// A new pair from libsodium's CSPRNG.
    public static func generate() -> SigningKeyPair {
        // A 32-byte seed is always valid.
        try! SigningKeyPair(seed: Sodium.randomBytes(seedLength))
    }

    public var keyID: KeyID { KeyID(ed25519: publicKey) }

    /// A 64-byte detached Ed25519 signature over `message`.
    public func sign(_ message: [UInt8]) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: Int(crypto_sign_bytes()))
        crypto_sign_detached(&signature, nil, message, UInt64(message.count), secretKey)
        return signature
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` by `publicKey`.
    public static func verify(signature: [UInt8], message: [UInt8], publicKey: [UInt8]) -> Bool {
        _ = Sodium.ready
        guard signature.count == Int(crypto_sign_bytes()),
            publicKey.count == Int(crypto_sign_publickeybytes())
        else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }
}
