import Foundation

@testable import LLNCProtocol

/// Builds every golden vector in protocol/vectors/ from fixed seeds. The tests compare the
/// result byte for byte with the committed files; `LLNC_WRITE_VECTORS=1 swift test` rewrites
/// them (review the diff: a changed vector is a protocol change).
enum GoldenVectors {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("protocol/vectors")
    }

    /// File name (relative to protocol/vectors) → contents.
    static func all() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [
            "keys.json": encode(keys()),
            "envelope.json": encode(try envelope()),
            "receipt.json": encode(try receipt()),
            "enrolment.json": encode(try enrolment()),
        ]
        for vector in try NegativeVectors.all() {
            files["negative/\(vector.name).json"] = encode(vector)
        }
        return files
    }

    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try! encoder.encode(value)) + [0x0a]
    }

    struct KeyVector: Codable {
        var name: String, algorithm: String, seedHex: String, publicKeyHex: String, keyID: String
    }

    static func keys() -> [KeyVector] {
        [
            KeyVector(
                name: "site 353", algorithm: "ed25519", seedHex: Hex.encode(Fixtures.siteKey.seed),
                publicKeyHex: Hex.encode(Fixtures.siteKey.publicKey), keyID: Fixtures.siteKey.keyID.hex),
            KeyVector(
                name: "hub sealing", algorithm: "x25519", seedHex: Hex.encode(Fixtures.hubSealing.seed),
                publicKeyHex: Hex.encode(Fixtures.hubSealing.publicKey), keyID: Fixtures.hubSealing.keyID.hex),
            KeyVector(
                name: "hub signing", algorithm: "ed25519", seedHex: Hex.encode(Fixtures.hubSigning.seed),
                publicKeyHex: Hex.encode(Fixtures.hubSigning.publicKey), keyID: Fixtures.hubSigning.keyID.hex),
        ]
    }

    struct EnvelopeVector: Codable {
        var siteSeedHex: String, hubSealingSeedHex: String, ephemeralSeedHex: String, createdAt: String
        var plaintextUTF8: String
        var ciphertextHex: String, payloadDigestHex: String, headerCanonicalHex: String
        var signatureHex: String, headerDigestHex: String, envelopeJSON: String
    }

    static func envelope() throws -> EnvelopeVector {
        let envelope = try Fixtures.envelope()
        return EnvelopeVector(
            siteSeedHex: Hex.encode(Fixtures.siteKey.seed), hubSealingSeedHex: Hex.encode(Fixtures.hubSealing.seed),
            ephemeralSeedHex: Hex.encode(Fixtures.ephemeralSeed), createdAt: Fixtures.createdAt,
            plaintextUTF8: String(decoding: Fixtures.payload().jsonBytes(), as: UTF8.self),
            ciphertextHex: Hex.encode(envelope.ciphertext), payloadDigestHex: Hex.encode(envelope.header.payloadDigest),
            headerCanonicalHex: Hex.encode(envelope.header.canonicalBytes), signatureHex: Hex.encode(envelope.signature),
            headerDigestHex: Hex.encode(envelope.header.digest),
            envelopeJSON: String(decoding: envelope.jsonBytes(), as: UTF8.self))
    }

    struct ReceiptVector: Codable {
        var hubSigningSeedHex: String, forEnvelopeHeaderDigestHex: String
        var canonicalHex: String, signatureHex: String, receiptJSON: String
    }

    static func receipt() throws -> ReceiptVector {
        let header = try Fixtures.envelope().header
        let receipt = Receipt.sign(
            for: header, outcome: .accepted, receivedAt: "2025-05-01T09:31:00Z", cellsStored: 4, hubSigningKey: Fixtures.hubSigning)
        return ReceiptVector(
            hubSigningSeedHex: Hex.encode(Fixtures.hubSigning.seed), forEnvelopeHeaderDigestHex: Hex.encode(header.digest),
            canonicalHex: Hex.encode(receipt.canonicalBytes), signatureHex: Hex.encode(receipt.signature),
            receiptJSON: String(decoding: receipt.jsonBytes(), as: UTF8.self))
    }

    struct EnrolmentVector: Codable {
        var hubKeysJSON: String, hubKeysPinHex: String, tokenSecretHex: String, token: String
        var requestCanonicalHex: String, requestJSON: String
    }

    static func enrolment() throws -> EnrolmentVector {
        let token = EnrolmentToken(laNumber: "353", expiresAt: 1_746_700_000, secret: Fixtures.seed(0x07), hubKeysPin: Fixtures.hubKeys.pin)
        let request = EnrolmentRequest.make(site: Fixtures.oldham, token: token, siteKey: Fixtures.siteKey)
        return EnrolmentVector(
            hubKeysJSON: String(decoding: Fixtures.hubKeys.jsonBytes(), as: UTF8.self), hubKeysPinHex: Hex.encode(Fixtures.hubKeys.pin),
            tokenSecretHex: Hex.encode(token.secret), token: token.description,
            requestCanonicalHex: Hex.encode(request.canonicalBytes), requestJSON: String(decoding: request.jsonBytes(), as: UTF8.self))
    }
}
