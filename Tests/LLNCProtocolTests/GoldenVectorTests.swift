import Foundation
import Testing

@testable import LLNCProtocol

@Suite(.timeLimit(.minutes(10)))
struct GoldenVectorTests {
    /// Every vector regenerates from its seeds byte for byte. With LLNC_WRITE_VECTORS=1 the
    /// files are rewritten instead (a protocol change: review the diff).
    @Test func vectorsRegenerateByteForByte() throws {
        let files = try GoldenVectors.all()
        let dir = GoldenVectors.directory
        if ProcessInfo.processInfo.environment["LLNC_WRITE_VECTORS"] == "1" {
            for (name, bytes) in files {
                let url = dir.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
        }
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let stored = try [UInt8](Data(contentsOf: dir.appendingPathComponent(name)))
            #expect(stored == bytes, "protocol/vectors/\(name) differs from what the code produces")
        }
    }

    @Test func theStoredEnvelopeVerifiesAndOpensWithOnlyTheStoredSeeds() throws {
        let data = try Data(contentsOf: GoldenVectors.directory.appendingPathComponent("envelope.json"))
        let vector = try JSONDecoder().decode(GoldenVectors.EnvelopeVector.self, from: data)
        let envelope = try Envelope.decode(json: Array(vector.envelopeJSON.utf8))
        let site = try SigningKeyPair(seed: Hex.decode(vector.siteSeedHex)!)
        try envelope.verifySignature(siteSigningKey: site.publicKey)
        let hub = try SealingKeyPair(seed: Hex.decode(vector.hubSealingSeedHex)!)
        #expect(hub.open(envelope.ciphertext) == Array(vector.plaintextUTF8.utf8))
        #expect(Hex.encode(envelope.header.canonicalBytes) == vector.headerCanonicalHex)
    }

    @Test func theStoredReceiptVerifies() throws {
        let data = try Data(contentsOf: GoldenVectors.directory.appendingPathComponent("receipt.json"))
        let vector = try JSONDecoder().decode(GoldenVectors.ReceiptVector.self, from: data)
        let receipt = try Receipt.decode(json: Array(vector.receiptJSON.utf8))
        let hub = try SigningKeyPair(seed: Hex.decode(vector.hubSigningSeedHex)!)
        try receipt.verify(hubSigningKey: hub.publicKey, for: Fixtures.envelope().header)
    }

    static let negativeNames: [String] = (try? NegativeVectors.all().map(\.name)) ?? []

    @Test(arguments: negativeNames)
    func eachStoredNegativeVectorFailsWithItsOwnError(name: String) throws {
        let data = try Data(contentsOf: GoldenVectors.directory.appendingPathComponent("negative/\(name).json"))
        let vector = try JSONDecoder().decode(NegativeVector.self, from: data)
        do {
            _ = try vector.run()
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.code == vector.expectedError, "\(name): \(error)")
        }
    }

    @Test func theIssuesNegativeCasesHaveDistinctErrors() throws {
        let required = ["tampered-ciphertext", "tampered-header", "wrong-signer", "wrong-hub-key", "replay-lower-sequence", "inner-ids-differ"]
        let codes = try NegativeVectors.all().filter { required.contains($0.name) }.map(\.expectedError)
        #expect(codes.count == required.count)
        #expect(Set(codes).count == required.count)
    }
}
