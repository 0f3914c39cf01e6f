import Foundation
import GRDB
import LLNCHubCore

extension SQLiteHubStore: ReleaseStore {
    /// Tables for releases, their documents and the ledger (registered in
    /// `SQLiteHubStore.migrator`). Triggers refuse any update or delete: a release is
    /// immutable, and the ledger only grows.
    static func migrateReleases(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE release (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    period TEXT NOT NULL,
                    released_at INTEGER NOT NULL,
                    catalogue_versions TEXT NOT NULL,
                    synthetic INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
                    published INTEGER NOT NULL,
                    withheld INTEGER NOT NULL
                ) STRICT;

                CREATE TABLE released_document (
                    release_id TEXT NOT NULL REFERENCES release(id),
                    kind TEXT NOT NULL,
                    key TEXT NOT NULL,
                    json BLOB NOT NULL,
                    PRIMARY KEY (release_id, kind, key)
                ) STRICT;

                CREATE TABLE ledger_entry (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    release_id TEXT NOT NULL REFERENCES release(id),
                    json BLOB NOT NULL
                ) STRICT;
                """)
        for table in ["release", "released_document", "ledger_entry"] {
            try db.execute(
                sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is immutable'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                        BEGIN SELECT RAISE(ABORT, '\(table) is immutable'); END;
                    """)
        }
    }

    public func storeRelease(
        _ release: ReleaseRecord, documents: [ReleasedDocument], ledger: [LedgerLine], ledgerLength: Int
    ) async throws -> Bool {
        try await writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_entry") == ledgerLength else { return false }
            try db.execute(
                sql: """
                    INSERT INTO release (id, period, released_at, catalogue_versions, synthetic, published, withheld)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    release.id, release.period, release.releasedAt, release.catalogueVersions.joined(separator: "\n"),
                    release.synthetic ? 1 : 0, release.published, release.withheld,
                ])
            let document = try db.cachedStatement(
                sql: "INSERT INTO released_document (release_id, kind, key, json) VALUES (?, ?, ?, ?)")
            for item in documents {
                try document.execute(arguments: [release.id, item.kind.rawValue, item.key, Data(item.json)])
            }
            let entry = try db.cachedStatement(sql: "INSERT INTO ledger_entry (release_id, json) VALUES (?, ?)")
            for line in ledger { try entry.execute(arguments: [line.releaseID, Data(line.json)]) }
            return true
        }
    }

    public func releases() async throws -> [ReleaseRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM release ORDER BY seq").map { row in
                ReleaseRecord(
                    id: row["id"], period: row["period"], releasedAt: row["released_at"],
                    catalogueVersions: (row["catalogue_versions"] as String).split(separator: "\n").map(String.init),
                    synthetic: (row["synthetic"] as Int64) == 1, published: row["published"], withheld: row["withheld"])
            }
        }
    }

    public func releasedDocument(releaseID: String, kind: ReleasedDocument.Kind, key: String) async throws -> [UInt8]? {
        try await writer.read { db in
            try Data.fetchOne(
                db, sql: "SELECT json FROM released_document WHERE release_id = ? AND kind = ? AND key = ?",
                arguments: [releaseID, kind.rawValue, key]
            ).map { [UInt8]($0) }
        }
    }

    public func releasedDocuments(releaseID: String, kind: ReleasedDocument.Kind) async throws -> [ReleasedDocument] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT key, json FROM released_document WHERE release_id = ? AND kind = ? ORDER BY key",
                arguments: [releaseID, kind.rawValue]
            ).map { ReleasedDocument(kind: kind, key: $0["key"], json: [UInt8]($0["json"] as Data)) }
        }
    }

    public func ledger() async throws -> [LedgerLine] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT release_id, json FROM ledger_entry ORDER BY id").map {
                LedgerLine(releaseID: $0["release_id"], json: [UInt8]($0["json"] as Data))
            }
        }
    }
}
