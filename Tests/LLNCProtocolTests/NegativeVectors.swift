import Foundation

@testable import LLNCProtocol

/// Envelopes a hub must refuse, each with the one error code it must refuse them with.
/// The context says what the hub knows: Oldham's key, its own sealing seed, what it has
/// accepted before, and its clock.
struct NegativeVector: Codable {
    struct Context: Codable {
        var knownSiteLANumber = "353"
        var knownSiteKeyHex = Hex.encode(Fixtures.siteKey.publicKey)
        var hubSealingSeedHex = Hex.encode(Fixtures.hubSealing.seed)
        var highestAcceptedSequence: UInt64 = 0
        /// submission id → header digest (hex) accepted before.
        var accepted: [String: String] = [:]
        var now = Timestamp.format(Fixtures.now)
    }

    var name: String
    var description: String
    var envelopeJSON: String
    var context = Context()
    var expectedError: String

    /// Runs the vector through `SubmissionCheck` with its context.
    func run() throws(ProtocolError) -> SubmissionCheck.Outcome {
        let key = Hex.decode(context.knownSiteKeyHex)!
        let la = context.knownSiteLANumber
        let accepted = context.accepted
        let history = ReplayRule.SiteHistory(highestAcceptedSequence: context.highestAcceptedSequence) { id in
            accepted[id].flatMap(Hex.decode)
        }
        return try SubmissionCheck.run(
            json: Array(envelopeJSON.utf8),
            siteKey: { site, id throws(ProtocolError) in
                guard site.laNumber == la, id == KeyID(ed25519: key) else { throw .unknownSigner(keyID: id.hex) }
                return key
            },
            hubKey: try SealingKeyPair(seed: Hex.decode(context.hubSealingSeedHex)!),
            history: { _ in history }, now: Timestamp.parse(context.now)!)
    }
}

enum NegativeVectors {
    static func all() throws -> [NegativeVector] {
        let good = try Fixtures.envelope()
        func json(_ e: Envelope) -> String { String(decoding: e.jsonBytes(), as: UTF8.self) }

        var tamperedCiphertext = good
        tamperedCiphertext.ciphertext[40] ^= 0x01

        var tamperedHeader = good
        tamperedHeader.header.sequence = 8

        let wrongSigner = try Fixtures.envelope(signer: Fixtures.otherSiteKey)

        var forgedSigner = wrongSigner
        forgedSigner.header.siteKeyID = Fixtures.siteKey.keyID
        forgedSigner.signature = Fixtures.otherSiteKey.sign(forgedSigner.header.canonicalBytes)

        let wrongHubKey = try Envelope.seal(
            Fixtures.payload(), createdAt: Fixtures.createdAt, siteKey: Fixtures.siteKey,
            hubKey: .init(publicKey: Fixtures.otherHubSealing.publicKey), ephemeralSeed: Fixtures.ephemeralSeed)

        // Names this hub's key id, but the ciphertext was sealed to another key.
        var notSealedToUs = wrongHubKey
        notSealedToUs.header.hubKeyID = Fixtures.hubSealing.keyID
        notSealedToUs.signature = Fixtures.siteKey.sign(notSealedToUs.header.canonicalBytes)

        // A ciphertext made for Rochdale's submission, moved under an Oldham header.
        let moved = try Envelope.seal(
            plaintext: Fixtures.payload(site: Fixtures.rochdale).jsonBytes(), of: Fixtures.payload(), createdAt: Fixtures.createdAt,
            siteKey: Fixtures.siteKey, hubKey: Fixtures.hubKey, ephemeralSeed: Fixtures.ephemeralSeed)

        let replayed = try Fixtures.envelope(Fixtures.payload(submissionID: "0b6f3a52-5f7e-4c1e-9a57-3f7d2f1c0a02", sequence: 5))

        let unsupported = json(good).replacingOccurrences(of: "\"protocol_version\":1", with: "\"protocol_version\":99")

        // The header names `sequence` twice: Foundation would keep 7, Python and JavaScript 8.
        let doubledKey = json(good).replacingOccurrences(of: "\"sequence\":7", with: "\"sequence\":7,\"sequence\":8")
        let digest = Hex.encode(good.header.payloadDigest)
        let uppercaseDigest = json(good).replacingOccurrences(of: digest, with: digest.uppercased())

        // The signature cut to 63 bytes: not checked at all, the envelope is not well formed.
        var shortSignature = good
        shortSignature.signature.removeLast()

        var reuse = NegativeVector(
            name: "submission-id-reused", description: "A submission id the hub accepted before, now with different content.",
            envelopeJSON: json(tamperedHeader.resigned()), expectedError: "submission-id-reused")
        reuse.context.accepted = [good.header.submissionID: Hex.encode(good.header.digest)]
        reuse.context.highestAcceptedSequence = 7

        var replay = NegativeVector(
            name: "replay-lower-sequence", description: "A new submission whose sequence (5) is below the highest accepted (7).",
            envelopeJSON: json(replayed), expectedError: "sequence-regressed")
        replay.context.highestAcceptedSequence = 7

        var future = NegativeVector(
            name: "clock-skew", description: "created_at one hour ahead of the hub's clock.", envelopeJSON: json(good),
            expectedError: "clock-skew")
        future.context.now = Timestamp.format(Timestamp.parse(Fixtures.createdAt)! - 3600)

        return [
            NegativeVector(
                name: "tampered-ciphertext", description: "One ciphertext bit flipped after signing.", envelopeJSON: json(tamperedCiphertext),
                expectedError: "ciphertext-tampered"),
            NegativeVector(
                name: "tampered-header", description: "Sequence changed from 7 to 8 after signing.", envelopeJSON: json(tamperedHeader),
                expectedError: "signature-invalid"),
            NegativeVector(
                name: "wrong-signer", description: "Signed by a key the hub has not enrolled for site 353.", envelopeJSON: json(wrongSigner),
                expectedError: "unknown-signer"),
            NegativeVector(
                name: "forged-signer", description: "Names site 353's key id but is signed by another key.", envelopeJSON: json(forgedSigner),
                expectedError: "signature-invalid"),
            NegativeVector(
                name: "wrong-hub-key", description: "Sealed for another hub's key and says so.", envelopeJSON: json(wrongHubKey),
                expectedError: "wrong-hub-key"),
            NegativeVector(
                name: "seal-not-for-this-hub", description: "Names this hub's key id but was sealed to another key.",
                envelopeJSON: json(notSealedToUs), expectedError: "seal-open-failed"),
            NegativeVector(
                name: "inner-ids-differ", description: "A payload for site 354 under a signed header for site 353.", envelopeJSON: json(moved),
                expectedError: "inner-identity-mismatch"),
            replay, reuse, future,
            NegativeVector(
                name: "unsupported-version", description: "protocol_version 99.", envelopeJSON: unsupported, expectedError: "unsupported-version"),
            NegativeVector(
                name: "duplicate-key", description: "The header names sequence twice (7, then 8): readers disagree on which counts.",
                envelopeJSON: doubledKey, expectedError: "malformed"),
            NegativeVector(
                name: "uppercase-digest", description: "payload_digest in uppercase hex: a second spelling of a signed field.",
                envelopeJSON: uppercaseDigest, expectedError: "malformed"),
            NegativeVector(
                name: "short-signature", description: "A 63-byte signature: a malformed field, not a signature that fails to verify.",
                envelopeJSON: json(shortSignature), expectedError: "malformed"),
        ]
    }
}

extension Envelope {
    /// The same envelope re-signed by the fixture site key (after a deliberate change).
    fileprivate func resigned() -> Envelope {
        var copy = self
        copy.signature = Fixtures.siteKey.sign(header.canonicalBytes)
        return copy
    }
}
