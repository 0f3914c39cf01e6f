import Foundation

/// The hub's two public keys, as a node pins them at enrolment: X25519 for sealing
/// payloads to the hub, Ed25519 for verifying the hub's receipts.
public struct HubKeySet: Hashable, Sendable, Codable {
    public var sealingKey: [UInt8]
    public var signingKey: [UInt8]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sealingKey = "sealing_key"
        case signingKey = "signing_key"
    }

    public init(sealingKey: [UInt8], signingKey: [UInt8]) {
        self.sealingKey = sealingKey
        self.signingKey = signingKey
    }

    public var sealingKeyID: KeyID { KeyID(x25519: sealingKey) }
    public var signingKeyID: KeyID { KeyID(ed25519: signingKey) }

    /// BLAKE2b-256 over the canonical encoding of both keys: what an enrolment token embeds
    /// (like kubeadm's discovery-token-ca-cert-hash), so a node trusts on first contact only
    /// the hub its operator meant.
    public var pin: [UInt8] {
        var e = CanonicalEncoder()
        e.string("llnc/hub-keys/v1")
        e.bytes(sealingKey)
        e.bytes(signingKey)
        return Sodium.blake2b(e.output)
    }

    /// Throws `hubKeyPinMismatch` unless these keys hash to `pinned`.
    public func check(pinned: [UInt8]) throws(ProtocolError) {
        guard Sodium.constantTimeEqual(pin, pinned) else { throw .hubKeyPinMismatch }
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sealingKey = try c.decodeBase64(forKey: .sealingKey, bytes: 32, what: "an X25519 public key")
        signingKey = try c.decodeBase64(forKey: .signingKey, bytes: 32, what: "an Ed25519 public key")
        guard sealingKey.count == 32, signingKey.count == 32 else {
            throw ProtocolError.malformed(field: "hub_keys", reason: "each key must be 32 bytes")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Data(sealingKey).base64EncodedString(), forKey: .sealingKey)
        try c.encode(Data(signingKey).base64EncodedString(), forKey: .signingKey)
    }

    public func jsonBytes() -> [UInt8] { WireJSON.encode(self) }

    public static func decode(json: [UInt8]) throws(ProtocolError) -> HubKeySet {
        try WireJSON.decode(HubKeySet.self, from: json, what: "hub_keys")
    }
}
