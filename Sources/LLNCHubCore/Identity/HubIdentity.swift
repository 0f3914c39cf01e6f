import Foundation
import LLNCProtocol

/// The hub's two key pairs (X25519 for sealing, Ed25519 for receipts), kept as seeds in
/// `<hub dir>/keys/`. Nodes pin the public halves at enrolment through the key set pin, so
/// losing these files means re-enrolling every site: back them up (hub/README.md).
public struct HubIdentity: Sendable {
    public let sealing: SealingKeyPair
    public let signing: SigningKeyPair

    public var keySet: HubKeySet { HubKeySet(sealingKey: sealing.publicKey, signingKey: signing.publicKey) }

    static func sealingURL(_ dir: URL) -> URL { dir.appendingPathComponent("keys/sealing.seed") }
    static func signingURL(_ dir: URL) -> URL { dir.appendingPathComponent("keys/signing.seed") }

    /// Makes new keys in `hubDirectory`; refuses if any key file exists.
    public static func create(in hubDirectory: URL) throws -> HubIdentity {
        let keys = hubDirectory.appendingPathComponent("keys")
        try OwnerOnly.directory(hubDirectory)
        try OwnerOnly.directory(keys)
        for url in [sealingURL(hubDirectory), signingURL(hubDirectory)] where FileManager.default.fileExists(atPath: url.path) {
            throw SecretFile.Failure.exists(url.path)
        }
        let identity = HubIdentity(sealing: .generate(), signing: .generate())
        try SecretFile.create(sealingURL(hubDirectory), bytes: identity.sealing.seed)
        try SecretFile.create(signingURL(hubDirectory), bytes: identity.signing.seed)
        return identity
    }

    public static func load(from hubDirectory: URL) throws -> HubIdentity {
        HubIdentity(
            sealing: try SealingKeyPair(seed: SecretFile.read(sealingURL(hubDirectory), length: SealingKeyPair.seedLength)),
            signing: try SigningKeyPair(seed: SecretFile.read(signingURL(hubDirectory), length: SigningKeyPair.seedLength)))
    }

    /// What an operator may publish: key ids and the pin, never a seed.
    public var summary: String {
        """
        sealing key (X25519)  id \(sealing.keyID)
        signing key (Ed25519) id \(signing.keyID)
        key set pin           \(Hex.encode(keySet.pin))
        """
    }
}
