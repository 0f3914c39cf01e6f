import Foundation
import LLNCHubCore
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCProtocol
import Logging
import ServiceLifecycle

/// Which store a hub keeps its records in. Every command that opens the store decides the
/// same way, first match wins:
///
/// 1. `--store` on the command line (`sqlite` or a `postgres://` URL);
/// 2. the `LLNC_HUB_STORE` environment variable;
/// 3. the first line of `<hub dir>/store` that is not blank or a `#` comment;
/// 4. SQLite in `<hub dir>/hub.sqlite`.
///
/// So an operator who writes the URL into the hub directory once gets the same store from
/// `serve`, `sites`, `import-bundle` alike, with no flag to forget.
public enum HubStoreChoice: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    public static let environmentVariable = "LLNC_HUB_STORE"

    public static func fileURL(in hubDirectory: URL) -> URL { hubDirectory.appendingPathComponent("store") }

    /// Decides from the flag, the environment and the hub directory, in that order.
    public static func resolve(
        flag: String?, hubDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> HubStoreChoice {
        if let flag, !flag.isEmpty {
            // A command line is readable by every local user (/proc/PID/cmdline).
            if flag.lowercased().hasPrefix("postgres"), URLComponents(string: flag)?.password != nil {
                throw HubStoreChoiceError.passwordOnCommandLine
            }
            return try parse(flag, hubDirectory: hubDirectory, environment: environment)
        }
        if let variable = environment[environmentVariable], !variable.isEmpty {
            return try parse(variable, hubDirectory: hubDirectory, environment: environment)
        }
        let file = fileURL(in: hubDirectory)
        if FileManager.default.fileExists(atPath: file.path) {
            let line = try String(contentsOf: file, encoding: .utf8)
                .split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .first { !$0.isEmpty && !$0.hasPrefix("#") }
            if let line { return try parse(line, hubDirectory: hubDirectory, environment: environment) }
        }
        return .sqlite(path: SQLiteHubStore.url(in: hubDirectory).path)
    }

    static func parse(_ text: String, hubDirectory: URL, environment: [String: String]) throws(HubStoreChoiceError) -> HubStoreChoice {
        if text == "sqlite" { return .sqlite(path: SQLiteHubStore.url(in: hubDirectory).path) }
        let lowered = text.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else { throw .unknownStore }
        return .postgres(try PostgresLocation(url: text, environment: environment))
    }

    /// Safe to print: a PostgreSQL URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite \(path)"
        case .postgres(let location): "postgres \(location)"
        }
    }

    /// Opens the chosen store for a one-shot command: runs PostgreSQL's connection pool and
    /// migrates the schema around `body`, then stops the pool.
    public func withStore<Result: Sendable>(
        logger: Logger, _ body: @Sendable (any HubStorage) async throws -> Result
    ) async throws -> Result {
        switch self {
        case .sqlite(let path):
            return try await body(SQLiteHubStore(path: path))
        case .postgres(let location):
            return try await PostgresHubStore(location: location, logger: logger).whileRunning { try await body($0) }
        }
    }

    /// Opens the chosen store for a long-running server: the store, and the service that must
    /// run beside the server while it is used (PostgreSQL's pool; none for SQLite). The
    /// schema is migrated by `prepare` once that service runs.
    /// - Parameter firstConnection: how long PostgreSQL may take to accept the first connection.
    public func openForService(logger: Logger, firstConnection: Duration = PostgresHubStore.firstConnectionLimit) throws -> OpenedStore {
        switch self {
        case .sqlite(let path):
            return OpenedStore(store: try SQLiteHubStore(path: path), service: nil, prepare: {})
        case .postgres(let location):
            let store = PostgresHubStore(location: location, logger: logger)
            // Bounded and stopped by SIGTERM: an unreachable server is named, not waited on forever.
            return OpenedStore(
                store: store, service: store,
                prepare: {
                    try await cancelWhenGracefulShutdown { try await store.awaitReachable(within: firstConnection) }
                    try await store.migrate()
                })
        }
    }

    public struct OpenedStore: Sendable {
        public let store: any HubStorage
        public let service: (any Service)?
        public let prepare: @Sendable () async throws -> Void
    }
}
