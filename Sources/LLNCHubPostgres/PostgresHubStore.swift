import Foundation
import LLNCHubCore
import LLNCProtocol
import Logging
import PostgresNIO
import ServiceLifecycle

/// The hub store in a PostgreSQL database, for a hub that runs several processes or outgrows
/// one file. Same tables, constraints and semantics as `SQLiteHubStore`; where SQLite relies
/// on its single writer, every write here is one SERIALIZABLE transaction that first locks
/// the site's row, and is retried when PostgreSQL refuses to commit it (see `serializable`).
///
/// A `Service`: its connection pool (`PostgresClient`) works only while `run()` runs, so
/// `llnc-hub serve` runs it beside the HTTP server and one-shot commands run it around their
/// work (`HubStoreChoice.withStore`). Call `migrate()` once it runs and before first use.
public struct PostgresHubStore: HubStore, Service {
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger

    public init(location: PostgresLocation, logger: Logger = Logger(label: "llnc-hub.postgres")) {
        self.location = location
        self.logger = logger
        // The pool's own log is kept to errors: a failed connection reaches the caller as the
        // query's error, and a one-shot command would otherwise warn that a lease raced the
        // pool's start.
        var background = logger
        background.logLevel = max(logger.logLevel, .error)
        client = PostgresClient(configuration: location.clientConfiguration, backgroundLogger: background)
    }

    /// Runs the connection pool until cancelled or, in a service group, until graceful shutdown.
    public func run() async throws {
        await client.run()
    }

    /// Runs the pool, waits (at most `firstConnection`) for the database, brings the schema up
    /// to date, runs `body`, then stops the pool.
    public func whileRunning<Result: Sendable>(
        firstConnection: Duration = firstConnectionLimit, _ body: @Sendable (PostgresHubStore) async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await awaitReachable(within: firstConnection)
            try await migrate()
            return try await body(self)
        }
    }

    /// How long a command or `serve` waits for the first connection before saying so: the
    /// pool would otherwise retry an unreachable server forever, and the command hang.
    public static let firstConnectionLimit: Duration = .seconds(10)

    /// Returns once the database answers; throws `unreachable`, naming the server, if it has
    /// not within `limit`. Cancellable: a SIGTERM meanwhile stops the wait at once (the pool's
    /// wait for a connection heeds task cancellation).
    public func awaitReachable(within limit: Duration = firstConnectionLimit) async throws {
        do {
            try await withDeadline(limit) { try await checkReachable() }
        } catch is DeadlinePassed {
            throw PostgresStoreError.unreachable(location: location, after: limit)
        }
    }

    /// Throws unless the database takes queries now: `/readyz` asks this.
    public func checkReachable() async throws {
        try await client.query("SELECT 1", logger: logger)
    }

    // MARK: Sites and enrolment

    public func site(laNumber: String) async throws -> SiteRecord? {
        try await siteRecords(PostgresQuery("SELECT la_number, ons_code, status, signing_key, enrolled_at FROM site WHERE la_number = \(laNumber)"))
            .first
    }

    public func sites() async throws -> [SiteRecord] {
        try await siteRecords("SELECT la_number, ons_code, status, signing_key, enrolled_at FROM site ORDER BY la_number")
    }

    private func siteRecords(_ query: PostgresQuery) async throws -> [SiteRecord] {
        var records: [SiteRecord] = []
        for try await (la, ons, status, key, enrolledAt) in try await client.query(query, logger: logger)
            .decode((String, String, String, Data, Int64).self)
        {
            let bytes = [UInt8](key)
            records.append(
                SiteRecord(
                    laNumber: la, onsCode: ons, status: SiteRecord.Status(rawValue: status) ?? .revoked,
                    signingKey: bytes, keyID: KeyID(ed25519: bytes), enrolledAt: enrolledAt))
        }
        return records
    }

    public func addToken(_ token: StoredToken, at now: Int64) async throws {
        try await serializable { [logger] connection in
            try await connection.query(
                "INSERT INTO enrolment_token (secret_hash, la_number, issued_at, expires_at) VALUES (\(Data(token.secretHash)), \(token.laNumber), \(now), \(token.expiresAt))",
                logger: logger)
            try await Self.logEvent(connection, .tokenIssued, at: now, laNumber: token.laNumber, logger: logger)
        }
    }

    public func enrol(site: SiteID, signingKey: [UInt8], tokenHash: [UInt8], at now: Int64) async throws(EnrolmentError) {
        do {
            try await serializable { [logger] connection in
                let rows = try await connection.query(
                    "SELECT la_number, expires_at, used_at FROM enrolment_token WHERE secret_hash = \(Data(tokenHash)) FOR UPDATE",
                    logger: logger)
                var token: EnrolmentRule.Token?
                for try await (la, expiresAt, usedAt) in rows.decode((String, Int64, Int64?).self) {
                    token = .init(laNumber: la, expiresAt: expiresAt, usedAt: usedAt)
                }
                try EnrolmentRule.check(token, laNumber: site.laNumber, now: now)
                try await connection.query(
                    "UPDATE enrolment_token SET used_at = \(now) WHERE secret_hash = \(Data(tokenHash))", logger: logger)
                try await connection.query(
                    """
                    INSERT INTO site (la_number, ons_code, status, signing_key, key_id, enrolled_at)
                    VALUES (\(site.laNumber), \(site.onsCode), 'active', \(Data(signingKey)), \(KeyID(ed25519: signingKey).hex), \(now))
                    ON CONFLICT (la_number) DO UPDATE SET ons_code = excluded.ons_code, status = 'active',
                        signing_key = excluded.signing_key, key_id = excluded.key_id, enrolled_at = excluded.enrolled_at
                    """,
                    logger: logger)
                try await Self.logEvent(connection, .enrolled, at: now, laNumber: site.laNumber, logger: logger)
            }
        } catch let failure as EnrolmentError {
            throw failure
        } catch {
            throw .store(String(describing: error))
        }
    }

    public func revoke(laNumber: String, at now: Int64) async throws -> Bool {
        try await serializable { [logger] connection in
            let changed = try await Self.changes(
                connection, "UPDATE site SET status = 'revoked' WHERE la_number = \(laNumber) AND status = 'active' RETURNING 1",
                logger: logger)
            guard changed == 1 else { return false }
            try await Self.logEvent(connection, .revoked, at: now, laNumber: laNumber, logger: logger)
            return true
        }
    }

    public func rotateKey(laNumber: String, oldKeyID: KeyID, newSigningKey: [UInt8], at now: Int64) async throws -> Bool {
        try await serializable { [logger] connection in
            let changed = try await Self.changes(
                connection,
                """
                UPDATE site SET signing_key = \(Data(newSigningKey)), key_id = \(KeyID(ed25519: newSigningKey).hex)
                WHERE la_number = \(laNumber) AND key_id = \(oldKeyID.hex) AND status = 'active' RETURNING 1
                """,
                logger: logger)
            guard changed == 1 else { return false }
            try await Self.logEvent(connection, .keyRotated, at: now, laNumber: laNumber, logger: logger)
            return true
        }
    }

    // MARK: Reading back

    public func events() async throws -> [HubEvent] {
        try await Self.events(client.query("SELECT id, at, kind, la_number, submission_id, code FROM hub_event ORDER BY id", logger: logger))
    }

    public func acceptedSubmissions(after: Int64, limit: Int) async throws -> [HubEvent] {
        try await Self.events(
            client.query(
                """
                SELECT id, at, kind, la_number, submission_id, code FROM hub_event
                WHERE kind = \(HubEvent.Kind.accepted.rawValue) AND id > \(after) ORDER BY id LIMIT \(limit)
                """, logger: logger))
    }

    private static func events(_ rows: PostgresRowSequence) async throws -> [HubEvent] {
        var events: [HubEvent] = []
        for try await (id, at, kind, la, submission, code) in rows.decode((Int64, Int64, String, String?, String?, String?).self) {
            events.append(
                HubEvent(
                    id: id, at: at, kind: HubEvent.Kind(rawValue: kind) ?? .rejected, laNumber: la, submissionID: submission, code: code))
        }
        return events
    }

    /// One statement, so every count comes from the same snapshot.
    public func counts() async throws -> HubCounts {
        let rows = try await client.query(
            """
            SELECT (SELECT count(*) FROM site), (SELECT count(*) FROM site WHERE status = 'active'),
                (SELECT count(*) FROM enrolment_token), (SELECT count(*) FROM enrolment_token WHERE used_at IS NOT NULL),
                (SELECT count(*) FROM submission), (SELECT count(*) FROM cell), (SELECT count(*) FROM hub_event)
            """,
            logger: logger)
        for try await (s, a, t, u, sub, c, e) in rows.decode((Int64, Int64, Int64, Int64, Int64, Int64, Int64).self) {
            return HubCounts(
                sites: Int(s), activeSites: Int(a), tokens: Int(t), usedTokens: Int(u), submissions: Int(sub), cells: Int(c),
                events: Int(e))
        }
        throw PostgresStoreError.noAnswer(what: "counts")
    }

    // MARK: Shared by the write methods

    static func logEvent(
        _ connection: PostgresConnection, _ kind: HubEvent.Kind, at: Int64, laNumber: String?, submissionID: String? = nil,
        code: String? = nil, logger: Logger
    ) async throws {
        try await connection.query(
            "INSERT INTO hub_event (at, kind, la_number, submission_id, code) VALUES (\(at), \(kind.rawValue), \(laNumber), \(submissionID), \(code))",
            logger: logger)
    }

    /// Runs a statement ending in `RETURNING 1` and counts the rows it changed.
    static func changes(_ connection: PostgresConnection, _ query: PostgresQuery, logger: Logger) async throws -> Int {
        var count = 0
        for try await _ in try await connection.query(query, logger: logger) { count += 1 }
        return count
    }
}

public enum PostgresStoreError: Error, CustomStringConvertible {
    case noAnswer(what: String)
    case cannotMigrate(role: String, pending: [String])
    /// No connection within the limit (server down, wrong host or port, firewall, pg_hba).
    case unreachable(location: PostgresLocation, after: Duration)

    public var description: String {
        switch self {
        case .noAnswer(let what):
            "PostgreSQL returned no row for \(what); check the server's log"
        case .cannotMigrate(let role, let pending):
            "the database schema needs migrations \(pending.joined(separator: ", ")), which role \(role) may not apply: "
                + "run `llnc-hub store migrate --store postgres://llnc_hub_owner@...` as the schema's owner, then deploy/postgres/grants.sql"
        case .unreachable(let location, let after):
            "PostgreSQL at \(location.host):\(location.port) (database \(location.database), user \(location.username)) did not accept a "
                + "connection within \(after.components.seconds) s: check that the server runs and listens there (pg_isready -h \(location.host) -p \(location.port)), "
                + "the firewall, and pg_hba.conf"
        }
    }
}
