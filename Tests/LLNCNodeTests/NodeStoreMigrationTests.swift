import Foundation
import GRDB
import Testing

@testable import LLNCNode

/// `node.sqlite` has one migrator, and an ingest is never stored without its audit entry.
@Suite(.timeLimit(.minutes(10)))
struct NodeStoreMigrationTests {
    /// A node store made by the release before the one migrator (llnc-node at 286118c:
    /// `synth --site 353 --children 100 --years 1`, `ingest 903-header`, `catalogue approve`),
    /// kept as a fixture: it has the dataset and indicator migrations but not the outbox's.
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/node-store-2026-12-03.sqlite")

    @Test func aStoreMadeByTheEarlierReleaseOpensAndMigratesForward() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("node.sqlite").path
        try FileManager.default.copyItem(atPath: Self.fixture.path, toPath: path)
        let before = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(!before.contains { $0.hasPrefix("outbox") })

        let store = try NodeStore.open(path: path)
        let applied = try store.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(try store.read { try Schema.migrator.hasCompletedMigrations($0) })
        #expect(applied.count > before.count && applied.contains { $0.hasPrefix("outbox") })
        #expect(try store.rowCount(DatasetLayout.named("903-header")!, year: 2025) == 1)
        let indicators = store.indicators()
        #expect(try indicators.auditVerification().isIntact)
        #expect(try indicators.auditEntries().map(\.action) == ["ingest", "catalogue_approval"])
        #expect(try store.outbox().pending().isEmpty)
    }

    @Test func anIngestWhoseAuditEntryCannotBeWrittenStoresNothing() throws {
        let store = try NodeStore.inMemory()
        try store.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER unwritable BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        }
        let layout = try #require(DatasetLayout.named("903-header"))
        let good = try #require(Fixture.good["903-header"])
        #expect(throws: IngestError.self) { try Fixture.ingest(layout, good, into: store) }
        #expect(try store.rowCount(layout) == 0)
        #expect(try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ingest_batch") } == 0)
    }

    @Test func anIngestIsAuditedInItsOwnTransaction() throws {
        let store = try NodeStore.inMemory()
        let layout = try #require(DatasetLayout.named("903-header"))
        _ = try Fixture.ingest(layout, try #require(Fixture.good["903-header"]), into: store)
        let entries = try store.indicators().auditEntries()
        #expect(entries.map(\.action) == ["ingest"] && entries[0].subject == "903-header 2024")
    }
}
