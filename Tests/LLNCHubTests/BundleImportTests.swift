import Foundation
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

@Suite(.timeLimit(.minutes(10)))
struct BundleImportTests {
    @Test func aBundleGetsTheSameChecksAndReceiptsAsTheServer() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-bundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let hub = try HubFixture()
        try await hub.enrol()
        let first = try HubFixture.envelope(sequence: 1)
        let small = try HubFixture.envelope(sequence: 2, cells: HubFixture.cells(count: 1, smallest: 4))
        let third = try HubFixture.envelope(sequence: 3)
        let lines = [first, small, third, first].map { String(decoding: $0.jsonBytes(), as: UTF8.self) }
        let bundle = dir.appendingPathComponent("353.bundle.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: bundle, atomically: true, encoding: .utf8)
        let answers = dir.appendingPathComponent("353.receipts.jsonl")

        let summary = try await BundleImport(ingest: hub.ingest).run(bundle: bundle, answers: answers)

        #expect(summary == .init(accepted: 2, duplicate: 1, refused: ["below-disclosure-threshold": 1]))
        let written = try String(contentsOf: answers, encoding: .utf8).split(separator: "\n").map { Array($0.utf8) }
        #expect(written.count == 4)
        let key = HubFixture.identity.signing.publicKey
        try Receipt.decode(json: written[0]).verify(hubSigningKey: key, for: first.header)
        let problem = try JSONDecoder().decode(Problem.self, from: Data(written[1]))
        try #require(problem.receipt).verify(hubSigningKey: key, for: small.header)
        try Receipt.decode(json: written[2]).verify(hubSigningKey: key, for: third.header)
        #expect(written[3] == written[0])
        #expect(try await hub.store.counts().submissions == 2)
        await #expect(throws: BundleImportError.self) {
            try await BundleImport(ingest: hub.ingest).run(bundle: bundle, answers: answers)
        }
    }
}
