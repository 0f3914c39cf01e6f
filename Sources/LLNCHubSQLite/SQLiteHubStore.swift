import Foundation
import GRDB
import LLNCHubCore
import LLNCProtocol

/// The hub store in one SQLite file (WAL mode), through GRDB. Owns its `DatabaseWriter`;
/// the migrator runs in `init`; every write method is one transaction.
public struct SQLiteHubStore: HubStore {
    let writer: any DatabaseWriter

    /// Opens (creating if needed) the store at `path`, e.g. `<hub dir>/hub.sqlite`.
    /// Opens (or makes) the store at `path`; a new store's files are 0600 whatever the umask.
    public init(path: String) throws {
        try OwnerOnly.createDatabaseFile(path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        try self.init(writer: DatabasePool(path: path, configuration: configuration))
    }

    /// A private in-memory store, for tests.
    public static func inMemory() throws -> SQLiteHubStore {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        return try SQLiteHubStore(writer: DatabaseQueue(configuration: configuration))
    }

    init(writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// The store file inside a hub directory.
    public static func url(in hubDirectory: URL) -> URL { hubDirectory.appendingPathComponent("hub.sqlite") }

    // MARK: Sites and enrolment

    public func site(laNumber: String) async throws -> SiteRecord? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM site WHERE la_number = ?", arguments: [laNumber]).map(Self.site)
        }
    }

    public func sites() async throws -> [SiteRecord] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM site ORDER BY la_number").map(Self.site)
        }
    }

    static func site(_ row: Row) -> SiteRecord {
        let key: [UInt8] = [UInt8](row["signing_key"] as Data)
        return SiteRecord(
            laNumber: row["la_number"], onsCode: row["ons_code"],
            status: SiteRecord.Status(rawValue: row["status"]) ?? .revoked,
            signingKey: key, keyID: KeyID(ed25519: key), enrolledAt: row["enrolled_at"])
    }

    public func addToken(_ token: StoredToken, at now: Int64) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO enrolment_token (secret_hash, la_number, issued_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [Data(token.secretHash), token.laNumber, now, token.expiresAt])
            try Self.logEvent(db, .tokenIssued, at: now, laNumber: token.laNumber)
        }
    }

    public func enrol(site: SiteID, signingKey: [UInt8], tokenHash: [UInt8], at now: Int64) async throws(EnrolmentError) {
        do {
            try await writer.write { db in
                let token = try Row.fetchOne(
                    db, sql: "SELECT la_number, expires_at, used_at FROM enrolment_token WHERE secret_hash = ?",
                    arguments: [Data(tokenHash)]
                ).map { EnrolmentRule.Token(laNumber: $0["la_number"], expiresAt: $0["expires_at"], usedAt: $0["used_at"]) }
                try EnrolmentRule.check(token, laNumber: site.laNumber, now: now)
                try db.execute(
                    sql: "UPDATE enrolment_token SET used_at = ? WHERE secret_hash = ?", arguments: [now, Data(tokenHash)])
                try db.execute(
                    sql: """
                        INSERT INTO site (la_number, ons_code, status, signing_key, key_id, enrolled_at)
                        VALUES (?, ?, 'active', ?, ?, ?)
                        ON CONFLICT (la_number) DO UPDATE SET ons_code = excluded.ons_code, status = 'active',
                            signing_key = excluded.signing_key, key_id = excluded.key_id, enrolled_at = excluded.enrolled_at
                        """,
                    arguments: [site.laNumber, site.onsCode, Data(signingKey), KeyID(ed25519: signingKey).hex, now])
                try Self.logEvent(db, .enrolled, at: now, laNumber: site.laNumber)
            }
        } catch let failure as EnrolmentError {
            throw failure
        } catch {
            throw .store(String(describing: error))
        }
    }

    public func revoke(laNumber: String, at now: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "UPDATE site SET status = 'revoked' WHERE la_number = ? AND status = 'active'", arguments: [laNumber])
            guard db.changesCount == 1 else { return false }
            try Self.logEvent(db, .revoked, at: now, laNumber: laNumber)
            return true
        }
    }

    public func rotateKey(laNumber: String, oldKeyID: KeyID, newSigningKey: [UInt8], at now: Int64) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE site SET signing_key = ?, key_id = ? WHERE la_number = ? AND key_id = ? AND status = 'active'",
                arguments: [Data(newSigningKey), KeyID(ed25519: newSigningKey).hex, laNumber, oldKeyID.hex])
            guard db.changesCount == 1 else { return false }
            try Self.logEvent(db, .keyRotated, at: now, laNumber: laNumber)
            return true
        }
    }

    // MARK: Reading back

    public func events() async throws -> [HubEvent] {
        try await writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM hub_event ORDER BY id").map(Self.event) }
    }

    public func acceptedSubmissions(after: Int64, limit: Int) async throws -> [HubEvent] {
        try await writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM hub_event WHERE kind = ? AND id > ? ORDER BY id LIMIT ?",
                arguments: [HubEvent.Kind.accepted.rawValue, after, limit]
            ).map(Self.event)
        }
    }

    private static func event(_ row: Row) -> HubEvent {
        HubEvent(
            id: row["id"], at: row["at"], kind: HubEvent.Kind(rawValue: row["kind"]) ?? .rejected,
            laNumber: row["la_number"], submissionID: row["submission_id"], code: row["code"])
    }

    public func counts() async throws -> HubCounts {
        try await writer.read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            return HubCounts(
                sites: try count("SELECT count(*) FROM site"),
                activeSites: try count("SELECT count(*) FROM site WHERE status = 'active'"),
                tokens: try count("SELECT count(*) FROM enrolment_token"),
                usedTokens: try count("SELECT count(*) FROM enrolment_token WHERE used_at IS NOT NULL"),
                submissions: try count("SELECT count(*) FROM submission"),
                cells: try count("SELECT count(*) FROM cell"),
                events: try count("SELECT count(*) FROM hub_event"))
        }
    }
}
