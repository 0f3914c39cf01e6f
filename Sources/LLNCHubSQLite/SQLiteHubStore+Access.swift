import Foundation
import GRDB
import LLNCHubCore

extension SQLiteHubStore: AccessStore {
    /// Tables for API tokens and the query log (registered in `SQLiteHubStore.migrator`).
    static func migrateAccess(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE access_token (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 16),
                    name TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('operator', 'analyst')),
                    secret_hash BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER
                ) STRICT;

                CREATE TABLE query_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    caller TEXT NOT NULL,
                    route TEXT NOT NULL,
                    status INTEGER NOT NULL,
                    at INTEGER NOT NULL
                ) STRICT;
                CREATE TRIGGER query_log_no_update BEFORE UPDATE ON query_log
                    BEGIN SELECT RAISE(ABORT, 'query_log is append-only'); END;
                CREATE TRIGGER query_log_no_delete BEFORE DELETE ON query_log
                    BEGIN SELECT RAISE(ABORT, 'query_log is append-only'); END;
                """)
    }

    public func addAccessToken(_ token: AccessTokenRecord) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO access_token (id, name, role, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [token.id, token.name, token.role.rawValue, Data(token.secretHash), token.createdAt])
        }
    }

    public func accessToken(secretHash: [UInt8]) async throws -> AccessTokenRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM access_token WHERE secret_hash = ?", arguments: [Data(secretHash)])
                .map(Self.accessToken)
        }
    }

    public func accessTokens() async throws -> [AccessTokenRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM access_token ORDER BY created_at, id").map(Self.accessToken)
        }
    }

    public func revokeAccessToken(id: String, at now: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE access_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [now, id])
            return db.changesCount == 1
        }
    }

    public func logQuery(_ entry: QueryLogEntry) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO query_log (caller, route, status, at) VALUES (?, ?, ?, ?)",
                arguments: [entry.caller, entry.route, entry.status, entry.at])
        }
    }

    public func queryLog() async throws -> [QueryLogEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM query_log ORDER BY id").map { row in
                QueryLogEntry(caller: row["caller"], route: row["route"], status: row["status"], at: row["at"])
            }
        }
    }

    /// Signed-out page sessions (registered in `SQLiteHubStore.migrator`): a cookie carries
    /// its own proof, so ending one before it expires needs the hub to remember it.
    static func migrateSessions(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE ended_session (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
                    expires_at INTEGER NOT NULL
                ) STRICT;
                """)
    }

    public func endSession(id: String, expiresAt: Int64, at now: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM ended_session WHERE expires_at <= ?", arguments: [now])
            try db.execute(sql: "INSERT OR IGNORE INTO ended_session (id, expires_at) VALUES (?, ?)", arguments: [id, expiresAt])
        }
    }

    public func sessionEnded(id: String) async throws -> Bool {
        try await writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ended_session WHERE id = ?)", arguments: [id]) ?? false
        }
    }

    static func accessToken(_ row: Row) -> AccessTokenRecord {
        AccessTokenRecord(
            id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .analyst,
            secretHash: [UInt8](row["secret_hash"] as Data), createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
