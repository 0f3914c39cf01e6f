import GRDB
import Testing

@testable import LLNCNode

/// The audit log is a hash chain: `verify` finds a modified, deleted or reordered entry and
/// says which. Tampering is simulated as someone with the database file would do it: by
/// dropping the append-only triggers first.
@Suite(.timeLimit(.minutes(10)))
struct AuditLogTests {
    private func log(entries: Int) throws -> (DatabaseQueue, IndicatorStore) {
        let db = try DatabaseQueue()
        let store = try IndicatorFixture.indicators(db)
        try db.write { db in
            for n in 1...entries {
                try AuditLog.append(db, .ingest, subject: "cin-details \(2020 + n)", details: "\(n * 100) rows accepted")
            }
        }
        return (db, store)
    }

    private func tamper(_ db: DatabaseQueue, _ sql: String) throws {
        try db.write { db in
            try db.execute(sql: "DROP TRIGGER audit_entry_append_only_update; DROP TRIGGER audit_entry_append_only_delete;")
            try db.execute(sql: sql)
        }
    }

    @Test func anUntouchedLogVerifies() throws {
        let (_, store) = try log(entries: 5)
        let result = try store.auditVerification()
        #expect(result.isIntact && result.entries == 5)
    }

    @Test func theLogCannotBeEditedThroughSQLite() throws {
        let (db, _) = try log(entries: 2)
        #expect(throws: DatabaseError.self) { try db.write { try $0.execute(sql: "UPDATE audit_entry SET details = 'x'") } }
        #expect(throws: DatabaseError.self) { try db.write { try $0.execute(sql: "DELETE FROM audit_entry") } }
    }

    @Test func aModifiedEntryIsFoundAndNamed() throws {
        let (db, store) = try log(entries: 5)
        try tamper(db, "UPDATE audit_entry SET details = '1 rows accepted' WHERE sequence = 3")
        let result = try store.auditVerification()
        #expect(result.problems == ["entry 3 (ingest) was modified after it was written: its content no longer matches its hash"])
    }

    @Test func aDeletedEntryIsFoundAndNamed() throws {
        let (db, store) = try log(entries: 5)
        try tamper(db, "DELETE FROM audit_entry WHERE sequence = 2")
        let result = try store.auditVerification()
        #expect(result.problems.contains("entries 2...2 are missing (deleted) before entry 3"))
        #expect(result.problems.contains { $0.hasPrefix("entry 3 (ingest) does not follow") })
    }

    @Test func reorderedEntriesAreFound() throws {
        let (db, store) = try log(entries: 5)
        // Swap the contents of entries 2 and 4, keeping the sequence numbers in place.
        try tamper(
            db,
            """
            UPDATE audit_entry SET sequence = -2 WHERE sequence = 2;
            UPDATE audit_entry SET sequence = 2 WHERE sequence = 4;
            UPDATE audit_entry SET sequence = 4 WHERE sequence = -2;
            """)
        let result = try store.auditVerification()
        #expect(!result.isIntact)
        #expect(result.problems.contains { $0.hasPrefix("entry 2 ") } && result.problems.contains { $0.hasPrefix("entry 4 ") })
    }

    @Test func approvalsAndComputationsAreRecordedInTheChain() throws {
        let f = try IndicatorFixture()
        let store = try IndicatorFixture.indicators(f.db)
        try store.approveCatalogue(IndicatorFixture.catalogue, by: "Catalogue Lead")
        let id = try store.saveDraft(period: "2024-25", catalogue: IndicatorFixture.catalogue, results: [], policy: IndicatorPolicy())
        try store.recordReview(id, format: "html")
        try store.approve(id, by: "Asha Patel")
        let entries = try store.auditEntries()
        #expect(entries.map(\.action) == ["catalogue_approval", "computation", "review", "approval"])
        #expect(entries.last?.actor == "Asha Patel")
        #expect(try store.auditVerification().isIntact)
    }
}
