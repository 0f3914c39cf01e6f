import Foundation
import LLNCHubCore
import PostgresNIO

extension PostgresHubStore: ReleaseStore {
    /// Releases, their documents and the ledger, as `SQLiteHubStore.migrateReleases`: a
    /// release is immutable and the ledger only grows, by trigger.
    static let releasesMigration: [String] =
        [
            """
            CREATE TABLE release (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id text NOT NULL UNIQUE,
                period text NOT NULL,
                released_at bigint NOT NULL,
                catalogue_versions text NOT NULL,
                synthetic boolean NOT NULL,
                published bigint NOT NULL,
                withheld bigint NOT NULL
            )
            """,
            """
            CREATE TABLE released_document (
                release_id text NOT NULL REFERENCES release(id),
                kind text NOT NULL,
                key text NOT NULL,
                json bytea NOT NULL,
                PRIMARY KEY (release_id, kind, key)
            )
            """,
            """
            CREATE TABLE ledger_entry (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                release_id text NOT NULL REFERENCES release(id),
                json bytea NOT NULL
            )
            """,
        ]
        + ["release", "released_document", "ledger_entry"].flatMap { table in
            [
                "CREATE TRIGGER \(table)_immutable BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION llnc_refuse_change()",
                "CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION llnc_refuse_change()",
            ]
        }

    /// One transaction, under an advisory lock so releases from several hub processes are
    /// stored one at a time: false (storing nothing) if the ledger no longer has
    /// `ledgerLength` entries; a used id fails on the unique constraint and stores nothing
    /// (not retried: a release id is never reused).
    public func storeRelease(
        _ release: ReleaseRecord, documents: [ReleasedDocument], ledger: [LedgerLine], ledgerLength: Int
    ) async throws -> Bool {
        try await serializable(retryingUniqueViolation: false) { [logger] connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.releaseLockKey))", logger: logger)
            var stored: Int64 = 0
            for try await count in try await connection.query("SELECT count(*) FROM ledger_entry", logger: logger).decode(Int64.self) {
                stored = count
            }
            guard stored == Int64(ledgerLength) else { return false }
            try await connection.query(
                """
                INSERT INTO release (id, period, released_at, catalogue_versions, synthetic, published, withheld)
                VALUES (\(release.id), \(release.period), \(release.releasedAt), \(release.catalogueVersions.joined(separator: "\n")),
                    \(release.synthetic), \(release.published), \(release.withheld))
                """,
                logger: logger)
            for document in documents {
                try await connection.query(
                    "INSERT INTO released_document (release_id, kind, key, json) VALUES (\(release.id), \(document.kind.rawValue), \(document.key), \(Data(document.json)))",
                    logger: logger)
            }
            for line in ledger {
                try await connection.query(
                    "INSERT INTO ledger_entry (release_id, json) VALUES (\(line.releaseID), \(Data(line.json)))", logger: logger)
            }
            return true
        }
    }

    static let releaseLockKey: Int64 = 0x4C4C_4E43_0002

    public func releases() async throws -> [ReleaseRecord] {
        var records: [ReleaseRecord] = []
        for try await (id, period, releasedAt, versions, synthetic, published, withheld) in try await client.query(
            "SELECT id, period, released_at, catalogue_versions, synthetic, published, withheld FROM release ORDER BY seq",
            logger: logger
        ).decode((String, String, Int64, String, Bool, Int, Int).self) {
            records.append(
                ReleaseRecord(
                    id: id, period: period, releasedAt: releasedAt, catalogueVersions: versions.split(separator: "\n").map(String.init),
                    synthetic: synthetic, published: published, withheld: withheld))
        }
        return records
    }

    public func releasedDocument(releaseID: String, kind: ReleasedDocument.Kind, key: String) async throws -> [UInt8]? {
        for try await json in try await client.query(
            "SELECT json FROM released_document WHERE release_id = \(releaseID) AND kind = \(kind.rawValue) AND key = \(key)",
            logger: logger
        ).decode(Data.self) { return [UInt8](json) }
        return nil
    }

    public func releasedDocuments(releaseID: String, kind: ReleasedDocument.Kind) async throws -> [ReleasedDocument] {
        var documents: [ReleasedDocument] = []
        for try await (key, json) in try await client.query(
            "SELECT key, json FROM released_document WHERE release_id = \(releaseID) AND kind = \(kind.rawValue) ORDER BY key",
            logger: logger
        ).decode((String, Data).self) {
            documents.append(ReleasedDocument(kind: kind, key: key, json: [UInt8](json)))
        }
        return documents
    }

    public func ledger() async throws -> [LedgerLine] {
        var lines: [LedgerLine] = []
        for try await (releaseID, json) in try await client.query(
            "SELECT release_id, json FROM ledger_entry ORDER BY id", logger: logger
        ).decode((String, Data).self) {
            lines.append(LedgerLine(releaseID: releaseID, json: [UInt8](json)))
        }
        return lines
    }
}
