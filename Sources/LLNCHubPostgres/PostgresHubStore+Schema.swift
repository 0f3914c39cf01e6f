import Foundation
import LLNCHubCore
import Logging
import PostgresNIO

extension PostgresHubStore {
    /// The schema, as numbered migrations of single statements (the extended query protocol
    /// runs one statement at a time). Shipped migrations are never edited: a change is a new
    /// migration. Same tables and constraints as `SQLiteHubStore.migrator`, in PostgreSQL's
    /// types; the event log refuses UPDATE, DELETE and TRUNCATE by trigger, so even the
    /// owner of the tables cannot rewrite it by accident (deploy/postgres also grants the
    /// hub's role no more than INSERT and SELECT on it).
    static let migrations: [(version: String, statements: [String])] = [
        (
            "v1",
            [
                """
                CREATE TABLE site (
                    la_number text PRIMARY KEY CHECK (length(la_number) = 3),
                    ons_code text NOT NULL,
                    status text NOT NULL CHECK (status IN ('active', 'revoked')),
                    signing_key bytea NOT NULL CHECK (length(signing_key) = 32),
                    key_id text NOT NULL CHECK (length(key_id) = 32),
                    enrolled_at bigint NOT NULL
                )
                """,
                """
                CREATE TABLE enrolment_token (
                    secret_hash bytea PRIMARY KEY CHECK (length(secret_hash) = 32),
                    la_number text NOT NULL,
                    issued_at bigint NOT NULL,
                    expires_at bigint NOT NULL,
                    used_at bigint
                )
                """,
                """
                CREATE TABLE submission (
                    submission_id text PRIMARY KEY,
                    la_number text NOT NULL REFERENCES site(la_number),
                    ons_code text NOT NULL,
                    sequence bigint NOT NULL CHECK (sequence >= 1),
                    site_key_id text NOT NULL,
                    catalogue_version text NOT NULL,
                    envelope_digest bytea NOT NULL CHECK (length(envelope_digest) = 32),
                    created_at text NOT NULL,
                    received_at bigint NOT NULL,
                    receipt_json bytea NOT NULL,
                    UNIQUE (la_number, sequence)
                )
                """,
                """
                CREATE TABLE cell (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    submission_id text NOT NULL REFERENCES submission(submission_id),
                    la_number text NOT NULL,
                    cell_key text NOT NULL,
                    vintage bigint NOT NULL,
                    indicator text NOT NULL,
                    definition_version bigint NOT NULL,
                    period text NOT NULL,
                    breakdown text NOT NULL,
                    unit text NOT NULL,
                    status text NOT NULL,
                    value text,
                    symbol text,
                    reason text,
                    numerator text,
                    denominator text,
                    superseded_by text REFERENCES submission(submission_id),
                    UNIQUE (submission_id, cell_key)
                )
                """,
                "CREATE UNIQUE INDEX cell_current ON cell(la_number, cell_key) WHERE superseded_by IS NULL",
                """
                CREATE TABLE hub_event (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    at bigint NOT NULL,
                    kind text NOT NULL CHECK (kind IN ('token-issued', 'enrolled', 'revoked', 'key-rotated', 'accepted', 'rejected')),
                    la_number text,
                    submission_id text,
                    code text
                )
                """,
                """
                CREATE FUNCTION hub_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'hub_event is append-only' USING ERRCODE = 'insufficient_privilege';
                END
                $$
                """,
                """
                CREATE TRIGGER hub_event_append_only BEFORE UPDATE OR DELETE ON hub_event
                    FOR EACH ROW EXECUTE FUNCTION hub_event_refuse_change()
                """,
                """
                CREATE TRIGGER hub_event_no_truncate BEFORE TRUNCATE ON hub_event
                    FOR EACH STATEMENT EXECUTE FUNCTION hub_event_refuse_change()
                """,
            ]
        ),
        // Added with the query API: tokens and the query log; releases and their ledger.
        ("v2-access", accessMigration),
        ("v3-releases", releasesMigration),
        // Sign-out ends a page session on the server, not only in the browser.
        ("v4-sessions", sessionsMigration),
        // Refusals of unauthenticated requests are counted, not logged as a site's events.
        (
            "v5-refusal-counts",
            [
                """
                CREATE TABLE unauthenticated_refusal (
                    day text NOT NULL CHECK (length(day) = 10),
                    code text NOT NULL,
                    count bigint NOT NULL CHECK (count > 0),
                    PRIMARY KEY (day, code)
                )
                """
            ]
        ),
    ]

    /// Brings the schema up to date and returns the versions it applied (none when it was
    /// already). Several hub processes may start at once on one database: an advisory lock
    /// makes them migrate one after the other, and each applies only the versions not yet
    /// recorded. A role without DDL rights (deploy/postgres's `llnc_hub`) passes when nothing
    /// is pending, and is told to run `llnc-hub store migrate` as the owner otherwise.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.migrationLockKey))", logger: logger)
                var applied: Set<String> = []
                var exists = false
                for try await found in try await connection.query(
                    "SELECT to_regclass('llnc_schema_migration') IS NOT NULL", logger: logger
                ).decode(Bool.self) { exists = found }
                if exists {
                    for try await version in try await connection.query("SELECT version FROM llnc_schema_migration", logger: logger)
                        .decode(String.self)
                    { applied.insert(version) }
                }
                let pending = Self.migrations.filter { !applied.contains($0.version) }
                do {
                    if !exists {
                        try await connection.query(
                            "CREATE TABLE llnc_schema_migration (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                            logger: logger)
                    }
                    for migration in pending {
                        for statement in migration.statements {
                            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await connection.query(
                            "INSERT INTO llnc_schema_migration (version) VALUES (\(migration.version))", logger: logger)
                    }
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" {
                    throw PostgresStoreError.cannotMigrate(role: location.username, pending: pending.map(\.version))
                }
                try await connection.query("COMMIT", logger: logger)
                return pending.map(\.version)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Any fixed number: the key of the advisory lock that serialises migrations.
    static let migrationLockKey: Int64 = 0x4C4C_4E43_0001

    /// Runs `body` in one SERIALIZABLE transaction, retrying it from the start when
    /// PostgreSQL refuses to commit it as if it had run alone (serialization failure or
    /// deadlock) or when a concurrent transaction inserted the same key first (unique
    /// violation: the retry reads that row and answers as for a repeat). This is what the
    /// SQLite store gets from its single writer.
    func serializable<Result: Sendable>(
        retryingUniqueViolation: Bool = true, _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await client.withConnection { connection in
                    try await connection.query("BEGIN ISOLATION LEVEL SERIALIZABLE", logger: logger)
                    do {
                        let result = try await body(connection)
                        try await connection.query("COMMIT", logger: logger)
                        return result
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                }
            } catch let error as PSQLError
                where Self.isRetryable(error, uniqueViolation: retryingUniqueViolation) && attempt < Self.maximumAttempts
            {
                // Jittered, growing pause so colliding transactions do not collide again.
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    static let maximumAttempts = 20

    static func isRetryable(_ error: PSQLError, uniqueViolation: Bool) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return ["40001", "40P01"].contains(state) || (uniqueViolation && state == "23505")
    }

    /// The SQLSTATE of a server error, if `error` is one (tests check refusals by it).
    public static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
