/// How a hub checks and opens an envelope, one step per method, in the order of SPEC.md §6
/// so each failure has its own error. A hub interleaves its own steps (site registry,
/// replay rule against its store) between them; `SubmissionCheck` runs them all in order.
extension Envelope {
    /// Signature and integrity: the header must be signed by `siteSigningKey` (whose key id
    /// the header must name), and the ciphertext must match the signed digest.
    public func verifySignature(siteSigningKey: [UInt8]) throws(ProtocolError) {
        guard KeyID(ed25519: siteSigningKey) == header.siteKeyID else {
            throw .unknownSigner(keyID: header.siteKeyID.hex)
        }
        guard SigningKeyPair.verify(signature: signature, message: header.canonicalBytes, publicKey: siteSigningKey) else {
            throw .signatureInvalid
        }
        guard Sodium.constantTimeEqual(Sodium.blake2b(ciphertext), header.payloadDigest) else {
            throw .ciphertextTampered
        }
    }

    /// Opens the seal with the hub's key and checks that the payload belongs to this header.
    public func open(with hubKey: SealingKeyPair) throws(ProtocolError) -> Payload {
        guard header.hubKeyID == hubKey.keyID else {
            throw .wrongHubKey(expected: hubKey.keyID.hex, got: header.hubKeyID.hex)
        }
        guard let plaintext = hubKey.open(ciphertext) else { throw .sealOpenFailed }
        let payload = try Payload.decode(json: plaintext)
        if payload.protocolVersion != header.protocolVersion { throw .innerIdentityMismatch(field: "protocol_version") }
        if payload.site != header.site { throw .innerIdentityMismatch(field: "site") }
        if payload.submissionID != header.submissionID { throw .innerIdentityMismatch(field: "submission_id") }
        if payload.sequence != header.sequence { throw .innerIdentityMismatch(field: "sequence") }
        if payload.catalogueVersion != header.catalogueVersion { throw .innerIdentityMismatch(field: "catalogue_version") }
        return payload
    }
}
