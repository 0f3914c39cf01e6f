import Foundation
import GRDB
import LLNCTestSupport
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The store kinds the shared store specification runs on.
///
/// PostgreSQL needs a server: `LLNC_TEST_POSTGRES_URL` names one (deploy/test starts a
/// throwaway one; so does `deploy/lib/test-postgres start`). Without it the PostgreSQL
/// cases are left out, and `TestPostgres.serverIsReachable` shows as skipped with the reason;
/// under CI (`CI` set) or deploy/test (`LLNC_REQUIRE_POSTGRES=1`) they run anyway and fail, so a
/// missing server can never pass for a green suite.
enum StoreKind: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static let underTest: [StoreKind] = TestPostgres.url != nil || TestPostgres.required ? [.sqlite, .postgres] : [.sqlite]
}

/// A fresh, empty store of one kind, for one test.
struct StoreUnderTest: Sendable {
    let kind: StoreKind
    let store: any HubStorage
    /// Runs SQL straight on the store's database, past the store's methods: how a test shows
    /// that the database itself refuses what the store never attempts.
    let execute: @Sendable (String) async throws -> Void
    /// Opens the same database again as another store, as a restarted or second hub process would.
    let reopen: @Sendable (@Sendable (any HubStorage) async throws -> Void) async throws -> Void

    /// Makes the store, runs `body`, and removes the store (file or database) afterwards.
    static func with(_ kind: StoreKind, _ body: @escaping @Sendable (StoreUnderTest) async throws -> Void) async throws {
        switch kind {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-hub-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = SQLiteHubStore.url(in: dir).path
            let store = try SQLiteHubStore(path: path)
            try await body(
                StoreUnderTest(
                    kind: kind, store: store,
                    execute: { sql in try await store.writer.write { try $0.execute(sql: sql) } },
                    reopen: { try await $0(SQLiteHubStore(path: path)) }))
        case .postgres:
            try await TestPostgres.withDatabase { location in
                try await PostgresHubStore(location: location, logger: TestPostgres.logger).whileRunning(
                    firstConnection: TestPostgres.firstConnection
                ) { store in
                    try await body(
                        StoreUnderTest(
                            kind: kind, store: store,
                            execute: { sql in try await store.client.query(PostgresQuery(unsafeSQL: sql), logger: TestPostgres.logger) },
                            reopen: { inner in
                                try await PostgresHubStore(location: location, logger: TestPostgres.logger).whileRunning(
                                    firstConnection: TestPostgres.firstConnection
                                ) {
                                    try await inner($0)
                                }
                            }))
                }
            }
        }
    }
}

/// The PostgreSQL server tests use, and one database per test on it, so tests run in
/// parallel without seeing each other's rows.
enum TestPostgres {
    /// How long a test's store may wait for its first connection: parallel tests each make a
    /// database and a pool, and on a busy machine the server can take longer than the
    /// production limit to take one more.
    static let firstConnection = TestTime.scaled(.seconds(300))

    static let variable = "LLNC_TEST_POSTGRES_URL"
    /// Silent, unless `LLNC_TEST_POSTGRES_LOG` names a file: then PostgresNIO's own log at
    /// debug level (the pool's connections, leases and retries) is appended there, so a
    /// PostgreSQL case that stalls can be read afterwards (`deploy/soak-tests` sets it for
    /// each run). Test databases hold only fixture data.
    static let logger: Logger = {
        let environment = ProcessInfo.processInfo.environment
        guard let path = environment["LLNC_TEST_POSTGRES_LOG"], !path.isEmpty,
            FileManager.default.fileExists(atPath: path) || FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { return Logger(label: "llnc-test-postgres") { _ in SwiftLogNoOpLogHandler() } }
        handle.seekToEndOfFile()
        let file = Mutex(handle)
        var logger = Logger(label: "llnc-test-postgres") { _ in
            LineLogHandler { line in file.withLock { $0.write(Data("\(Date().timeIntervalSince1970) \(line)\n".utf8)) } }
        }
        logger.logLevel = .debug
        return logger
    }()

    static var url: String? {
        ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Under CI or deploy/test a missing server is a failure, not a skip.
    static var required: Bool {
        let environment = ProcessInfo.processInfo.environment
        let ci = environment["CI"].map { !$0.isEmpty && $0 != "false" && $0 != "0" } ?? false
        return ci || environment["LLNC_REQUIRE_POSTGRES"] == "1"
    }

    static let skipReason: Comment = """
        PostgreSQL store cases skipped: \(variable) is not set. Run `deploy/lib/test-postgres start` and \
        `export \(variable)=$(deploy/lib/test-postgres url)`, or run deploy/test, which does both.
        """

    struct NoServer: Error, CustomStringConvertible {
        var description: String {
            "\(TestPostgres.variable) is not set, and this run requires PostgreSQL (CI or deploy/test): deploy/test starts a throwaway server"
        }
    }

    static func serverLocation() throws -> PostgresLocation {
        guard let url else { throw NoServer() }
        return try PostgresLocation(url: url)
    }

    /// One pool for every test's CREATE and DROP DATABASE, running for the life of the test
    /// process, so a burst of parallel cases shares a few admin connections instead of each
    /// starting (and racing) a pool of its own.
    private static let admin: PostgresClient? = {
        guard let server = try? serverLocation() else { return nil }
        let client = PostgresClient(configuration: server.clientConfiguration, backgroundLogger: logger)
        Task.detached { await client.run() }
        return client
    }()

    private static func administer(_ sql: String) async throws {
        guard let admin else { throw NoServer() }
        try await admin.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }

    /// Creates an empty database on the test server, runs `body` with its location, and
    /// drops it (even if `body` throws or stalls).
    ///
    /// Every step is bounded (`finishing(within:)`): PostgresNIO does not heed cancellation
    /// while it waits for an answer, so a case stalled there would otherwise outlive its
    /// `.timeLimit` and keep the whole run from ending. A stalled or cancelled case fails by
    /// name; the DROP ... WITH (FORCE) then ends whatever sessions it left behind.
    static func withDatabase<Result: Sendable>(
        _ body: @escaping @Sendable (PostgresLocation) async throws -> Result
    ) async throws -> Result {
        let server = try serverLocation()
        let name = "llnc_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await finishing(within: .seconds(60), "CREATE DATABASE \(name)") { try await administer("CREATE DATABASE \(name)") }
        let drop: @Sendable () async throws -> Void = { try await administer("DROP DATABASE \(name) WITH (FORCE)") }
        let result: Result
        do {
            result = try await finishing(within: .seconds(240), "the PostgreSQL case on database \(name)") {
                try await body(server.database(name))
            }
        } catch {
            if Task.isCancelled {
                Task.detached { try? await drop() }
            } else {
                _ = try? await finishing(within: .seconds(60), "DROP DATABASE \(name)", drop)
            }
            throw error
        }
        try await finishing(within: .seconds(60), "DROP DATABASE \(name)", drop)
        return result
    }
}

@Suite(.timeLimit(.minutes(10)))
struct TestPostgresTests {
    @Test(.disabled(if: TestPostgres.url == nil && !TestPostgres.required, TestPostgres.skipReason))
    func serverIsReachable() async throws {
        try await TestPostgres.withDatabase { location in
            #expect(location.database.hasPrefix("llnc_test_"))
        }
    }

    /// PostgresNIO waits for an answer without a limit, so the server must bound every wait:
    /// a hub session carries its statement, lock and idle-in-transaction timeouts.
    @Test(.disabled(if: TestPostgres.url == nil && !TestPostgres.required, TestPostgres.skipReason))
    func everyHubSessionBoundsItsWaits() async throws {
        try await TestPostgres.withDatabase { location in
            try await PostgresHubStore(location: location, logger: TestPostgres.logger).whileRunning(firstConnection: TestPostgres.firstConnection) {
                store in
                var settings: [String: String] = [:]
                let rows = try await store.client.query(
                    "SELECT name, setting, unit FROM pg_settings WHERE name IN ('statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout')",
                    logger: TestPostgres.logger)
                for try await (name, setting, unit) in rows.decode((String, String, String?).self) {
                    settings[name] = setting + (unit ?? "")
                }
                #expect(
                    settings == [
                        "statement_timeout": "300000ms", "lock_timeout": "60000ms", "idle_in_transaction_session_timeout": "120000ms",
                    ])
            }
        }
    }
}
