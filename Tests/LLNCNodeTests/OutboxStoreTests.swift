import Foundation
import GRDB
import LLNCProtocol
import Testing

@testable import LLNCNode

@Suite(.timeLimit(.minutes(10)))
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

extension OutboxStoreTests {
    /// Sealing, delivery and refusal each leave an audit entry, and the chain still verifies.
    @Test func sealingAndSettlingAreAudited() throws {
        let store = try NodeStore.inMemory()
        let identity = SiteIdentity(
            site: try SiteID(laNumber: "353", onsCode: "E08000004"), signingKey: .generate(),
            hubURL: URL(string: "http://127.0.0.1:9/")!,
            hubKeys: HubKeySet(sealingKey: SealingKeyPair.generate().publicKey, signingKey: SigningKeyPair.generate().publicKey))
        let cell = Cell(indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: .rounded, value: "145")
        let outbox = store.outbox()
        try outbox.seal(batch: "b1", cells: [cell], catalogueVersion: "2025.1", identity: identity, now: 1_700_000_000)
        try outbox.seal(batch: "b2", cells: [cell], catalogueVersion: "2025.1", identity: identity, now: 1_700_000_000)
        try outbox.markAttemptFailed(1, error: "unreachable", retryAt: 1_700_000_010)
        try outbox.markAttemptFailed(1, error: "unreachable", retryAt: 1_700_000_030)
        try outbox.markDelivered(1, receiptJSON: [1], at: 1_700_000_100)
        try outbox.markRejected(2, reasonCode: "below-disclosure-threshold", detail: "x", receiptJSON: nil, at: 1_700_000_100)
        let entries = try store.indicators().auditEntries().map { "\($0.action) \($0.subject)" }
        #expect(entries == ["push batch b1", "push batch b2", "push envelope 1", "receipt envelope 1", "receipt envelope 2"])
        #expect(try store.indicators().auditVerification().isIntact)
    }
}
