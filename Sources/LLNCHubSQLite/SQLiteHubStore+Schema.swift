import GRDB
import LLNCHubCore

extension SQLiteHubStore {
    /// The schema. Shipped migrations are never edited: a change is a new migration.
    /// Constraints live here, not in Swift ("trust SQLite more than yourself"): one current
    /// cell per site and cell key, unique submission ids, an event log that refuses updates.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE site (
                        la_number TEXT PRIMARY KEY NOT NULL CHECK (length(la_number) = 3),
                        ons_code TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
                        signing_key BLOB NOT NULL CHECK (length(signing_key) = 32),
                        key_id TEXT NOT NULL CHECK (length(key_id) = 32),
                        enrolled_at INTEGER NOT NULL
                    ) STRICT;

                    CREATE TABLE enrolment_token (
                        secret_hash BLOB PRIMARY KEY NOT NULL CHECK (length(secret_hash) = 32),
                        la_number TEXT NOT NULL,
                        issued_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        used_at INTEGER
                    ) STRICT;

                    CREATE TABLE submission (
                        submission_id TEXT PRIMARY KEY NOT NULL,
                        la_number TEXT NOT NULL REFERENCES site(la_number),
                        ons_code TEXT NOT NULL,
                        sequence INTEGER NOT NULL CHECK (sequence >= 1),
                        site_key_id TEXT NOT NULL,
                        catalogue_version TEXT NOT NULL,
                        envelope_digest BLOB NOT NULL CHECK (length(envelope_digest) = 32),
                        created_at TEXT NOT NULL,
                        received_at INTEGER NOT NULL,
                        receipt_json BLOB NOT NULL,
                        UNIQUE (la_number, sequence)
                    ) STRICT;

                    CREATE TABLE cell (
                        id INTEGER PRIMARY KEY,
                        submission_id TEXT NOT NULL REFERENCES submission(submission_id),
                        la_number TEXT NOT NULL,
                        cell_key TEXT NOT NULL,
                        vintage INTEGER NOT NULL,
                        indicator TEXT NOT NULL,
                        definition_version INTEGER NOT NULL,
                        period TEXT NOT NULL,
                        breakdown TEXT NOT NULL,
                        unit TEXT NOT NULL,
                        status TEXT NOT NULL,
                        value TEXT,
                        symbol TEXT,
                        reason TEXT,
                        numerator TEXT,
                        denominator TEXT,
                        superseded_by TEXT REFERENCES submission(submission_id),
                        UNIQUE (submission_id, cell_key)
                    ) STRICT;
                    CREATE UNIQUE INDEX cell_current ON cell(la_number, cell_key) WHERE superseded_by IS NULL;

                    CREATE TABLE hub_event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at INTEGER NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('token-issued', 'enrolled', 'revoked', 'key-rotated', 'accepted', 'rejected')),
                        la_number TEXT,
                        submission_id TEXT,
                        code TEXT
                    ) STRICT;
                    CREATE TRIGGER hub_event_no_update BEFORE UPDATE ON hub_event
                        BEGIN SELECT RAISE(ABORT, 'hub_event is append-only'); END;
                    CREATE TRIGGER hub_event_no_delete BEFORE DELETE ON hub_event
                        BEGIN SELECT RAISE(ABORT, 'hub_event is append-only'); END;
                    """)
        }
        // Added with the query API: tokens and the query log; releases and their ledger.
        migrator.registerMigration("v2-access", migrate: migrateAccess)
        migrator.registerMigration("v3-releases", migrate: migrateReleases)
        // Sign-out ends a page session on the server, not only in the browser.
        migrator.registerMigration("v4-sessions", migrate: migrateSessions)
        // Refusals of unauthenticated requests are counted, not logged as a site's events.
        migrator.registerMigration("v5-refusal-counts", migrate: migrateRefusalCounts)
        return migrator
    }

    static func logEvent(
        _ db: Database, _ kind: HubEvent.Kind, at: Int64, laNumber: String?, submissionID: String? = nil, code: String? = nil
    ) throws {
        try db.execute(
            sql: "INSERT INTO hub_event (at, kind, la_number, submission_id, code) VALUES (?, ?, ?, ?, ?)",
            arguments: [at, kind.rawValue, laNumber, submissionID, code])
    }
}
