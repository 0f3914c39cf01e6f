/// How a node makes an envelope. The order matters: seal first, then put the ciphertext's
/// digest in the header, then sign the header.
extension Envelope {
    /// The hub's sealing key as a node knows it: pinned at enrolment.
    public struct HubSealingKey: Sendable {
        public let publicKey: [UInt8]
        public let keyID: KeyID
        public init(publicKey: [UInt8]) {
            self.publicKey = publicKey
            self.keyID = KeyID(x25519: publicKey)
        }
    }

    /// Seals `payload` to the hub and signs it as the site.
    ///
    /// - Parameter ephemeralSeed: only for golden vectors (deterministic sealing); `nil`
    ///   uses `crypto_box_seal` with a fresh ephemeral key, which real submissions must.
    public static func seal(
        _ payload: Payload, createdAt: String, siteKey: SigningKeyPair, hubKey: HubSealingKey,
        ephemeralSeed: [UInt8]? = nil
    ) throws(ProtocolError) -> Envelope {
        try payload.validate()
        return try seal(
            plaintext: payload.jsonBytes(), of: payload, createdAt: createdAt, siteKey: siteKey, hubKey: hubKey, ephemeralSeed: ephemeralSeed)
    }

    /// Seals given plaintext bytes; `payload` supplies the header's ids. Golden vectors use
    /// this so another implementation is tested on the same plaintext bytes, whatever its
    /// JSON encoder writes.
    static func seal(
        plaintext: [UInt8], of payload: Payload, createdAt: String, siteKey: SigningKeyPair, hubKey: HubSealingKey,
        ephemeralSeed: [UInt8]?
    ) throws(ProtocolError) -> Envelope {
        guard plaintext.count <= Limits.maxPayloadBytes else {
            throw .tooLarge(what: "payload", size: plaintext.count, limit: Limits.maxPayloadBytes)
        }
        let ciphertext =
            if let ephemeralSeed {
                try SealingKeyPair.sealDeterministically(plaintext, to: hubKey.publicKey, ephemeralSeed: ephemeralSeed)
            } else {
                try SealingKeyPair.seal(plaintext, to: hubKey.publicKey)
            }
        let header = EnvelopeHeader(
            protocolVersion: payload.protocolVersion, site: payload.site, siteKeyID: siteKey.keyID,
            submissionID: payload.submissionID, sequence: payload.sequence, createdAt: createdAt,
            hubKeyID: hubKey.keyID, catalogueVersion: payload.catalogueVersion,
            payloadDigest: Sodium.blake2b(ciphertext), payloadLength: UInt64(ciphertext.count))
        try header.validate()
        return Envelope(header: header, ciphertext: ciphertext, signature: siteKey.sign(header.canonicalBytes))
    }
}
