import Foundation
import GRDB
import LLNCProtocol
import Testing
@testable import LLNCNode

struct OutboxStoreTests {
    /// The outbox lives in the node's store file; both sets of migrations coexist and a
    /// reopened store finds what was sealed.
    @Test func theOutboxSurvivesReopeningTheNodeStore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("node.sqlite").path
        let identity = SiteIdentity(
            site: try SiteID(laNumber: "353", onsCode: "E08000004"), signingKey: .generate(),
            hubURL: URL(string: "http://127.0.0.1:9/")!,
            hubKeys: HubKeySet(sealingKey: SealingKeyPair.generate().publicKey, signingKey: SigningKeyPair.generate().publicKey))
        let cell = Cell(indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: .rounded, value: "145")
        try NodeStore.open(path: path).outbox().seal(batch: "b1", cells: [cell], catalogueVersion: "2025.1", identity: identity, now: 1_700_000_000)
        let reopened = try NodeStore.open(path: path)
        #expect(try reopened.outbox().pending().map(\.batch) == ["b1"])
    }
}
