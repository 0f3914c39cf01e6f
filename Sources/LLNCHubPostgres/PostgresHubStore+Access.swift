import Foundation
import LLNCHubCore
import PostgresNIO

extension PostgresHubStore: AccessStore {
    /// API tokens and the query log, as `SQLiteHubStore.migrateAccess`; the log refuses
    /// UPDATE, DELETE and TRUNCATE by trigger.
    static let accessMigration: [String] = [
        """
        CREATE TABLE access_token (
            id text PRIMARY KEY CHECK (length(id) = 16),
            name text NOT NULL,
            role text NOT NULL CHECK (role IN ('operator', 'analyst')),
            secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
            created_at bigint NOT NULL,
            revoked_at bigint
        )
        """,
        """
        CREATE TABLE query_log (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            caller text NOT NULL,
            route text NOT NULL,
            status integer NOT NULL,
            at bigint NOT NULL
        )
        """,
        """
        CREATE FUNCTION llnc_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '% is append-only and immutable', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END
        $$
        """,
        "CREATE TRIGGER query_log_append_only BEFORE UPDATE OR DELETE ON query_log FOR EACH ROW EXECUTE FUNCTION llnc_refuse_change()",
        "CREATE TRIGGER query_log_no_truncate BEFORE TRUNCATE ON query_log FOR EACH STATEMENT EXECUTE FUNCTION llnc_refuse_change()",
    ]

    public func addAccessToken(_ token: AccessTokenRecord) async throws {
        try await client.query(
            """
            INSERT INTO access_token (id, name, role, secret_hash, created_at)
            VALUES (\(token.id), \(token.name), \(token.role.rawValue), \(Data(token.secretHash)), \(token.createdAt))
            """,
            logger: logger)
    }

    public func accessToken(secretHash: [UInt8]) async throws -> AccessTokenRecord? {
        try await accessTokenRecords(
            "SELECT id, name, role, secret_hash, created_at, revoked_at FROM access_token WHERE secret_hash = \(Data(secretHash))"
        ).first
    }

    public func accessTokens() async throws -> [AccessTokenRecord] {
        try await accessTokenRecords("SELECT id, name, role, secret_hash, created_at, revoked_at FROM access_token ORDER BY created_at, id")
    }

    private func accessTokenRecords(_ query: PostgresQuery) async throws -> [AccessTokenRecord] {
        var records: [AccessTokenRecord] = []
        for try await (id, name, role, hash, createdAt, revokedAt) in try await client.query(query, logger: logger)
            .decode((String, String, String, Data, Int64, Int64?).self)
        {
            records.append(
                AccessTokenRecord(
                    id: id, name: name, role: Role(rawValue: role) ?? .analyst, secretHash: [UInt8](hash), createdAt: createdAt,
                    revokedAt: revokedAt))
        }
        return records
    }

    public func revokeAccessToken(id: String, at now: Int64) async throws -> Bool {
        try await serializable { [logger] connection in
            try await Self.changes(
                connection, "UPDATE access_token SET revoked_at = \(now) WHERE id = \(id) AND revoked_at IS NULL RETURNING 1",
                logger: logger) == 1
        }
    }

    public func logQuery(_ entry: QueryLogEntry) async throws {
        try await client.query(
            "INSERT INTO query_log (caller, route, status, at) VALUES (\(entry.caller), \(entry.route), \(entry.status), \(entry.at))",
            logger: logger)
    }

    public func queryLog() async throws -> [QueryLogEntry] {
        var entries: [QueryLogEntry] = []
        for try await (caller, route, status, at) in try await client.query(
            "SELECT caller, route, status, at FROM query_log ORDER BY id", logger: logger
        ).decode((String, String, Int, Int64).self) {
            entries.append(QueryLogEntry(caller: caller, route: route, status: status, at: at))
        }
        return entries
    }

    /// Signed-out page sessions, as `SQLiteHubStore.migrateSessions`.
    static let sessionsMigration: [String] = [
        """
        CREATE TABLE ended_session (
            id text PRIMARY KEY CHECK (length(id) = 32),
            expires_at bigint NOT NULL
        )
        """
    ]

    public func endSession(id: String, expiresAt: Int64, at now: Int64) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("DELETE FROM ended_session WHERE expires_at <= \(now)", logger: logger)
            try await connection.query(
                "INSERT INTO ended_session (id, expires_at) VALUES (\(id), \(expiresAt)) ON CONFLICT (id) DO NOTHING", logger: logger)
        }
    }

    public func sessionEnded(id: String) async throws -> Bool {
        for try await _ in try await client.query("SELECT 1 FROM ended_session WHERE id = \(id)", logger: logger).decode(Int.self) {
            return true
        }
        return false
    }
}
