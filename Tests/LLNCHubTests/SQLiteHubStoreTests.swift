import Foundation
import GRDB
import LLNCProtocol
import Testing
@testable import LLNCHub

struct SQLiteHubStoreTests {
    private func temporaryStore() throws -> (SQLiteHubStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-hub-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (try SQLiteHubStore(path: SQLiteHubStore.url(in: dir).path), dir)
    }

    @Test func concurrentIdenticalSubmissionsAreStoredOnce() async throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hub = try HubFixture(store: store)
        try await hub.enrol()
        let wire = try HubFixture.envelope(cells: HubFixture.cells(count: 50)).jsonBytes()
        let ingest = hub.ingest
        let answers = try await withThrowingTaskGroup(of: SubmissionIngest<SQLiteHubStore>.Answer.self) { group in
            for _ in 0..<8 { group.addTask { try await ingest.ingest(wire) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let accepted = answers.compactMap { if case .accepted(let r, _) = $0 { r } else { nil } }
        let duplicates = answers.compactMap { if case .duplicate(let r) = $0 { r } else { nil } }
        #expect(accepted.count == 1 && duplicates.count == 7)
        #expect(duplicates.allSatisfy { $0 == accepted.first })
        let counts = try await store.counts()
        #expect(counts.submissions == 1 && counts.cells == 50)
    }

    @Test func theStoreSurvivesReopening() async throws {
        let (store, dir) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hub = try HubFixture(store: store)
        try await hub.enrol()
        _ = try await hub.ingest.ingest(HubFixture.envelope().jsonBytes())
        let reopened = try SQLiteHubStore(path: SQLiteHubStore.url(in: dir).path)
        #expect(try await reopened.counts() == (try await store.counts()))
        #expect(try await reopened.receipt(submissionID: "00000000-0000-4000-8000-000000000001") != nil)
    }

    @Test func theEventLogIsAppendOnly() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        await #expect(throws: DatabaseError.self) {
            try await hub.store.writer.write { try $0.execute(sql: "UPDATE hub_event SET code = 'x'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await hub.store.writer.write { try $0.execute(sql: "DELETE FROM hub_event") }
        }
        #expect(try await hub.store.events().map(\.kind) == [.tokenIssued, .enrolled])
    }

    @Test func onlyOneCurrentCellPerSiteAndKey() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        _ = try await hub.ingest.ingest(HubFixture.envelope().jsonBytes())
        await #expect(throws: DatabaseError.self) {
            try await hub.store.writer.write {
                try $0.execute(sql: "INSERT INTO cell SELECT NULL, submission_id, la_number, cell_key, vintage, indicator, definition_version, period, breakdown, unit, status, value, symbol, reason, numerator, denominator, superseded_by FROM cell LIMIT 1")
            }
        }
    }
}
