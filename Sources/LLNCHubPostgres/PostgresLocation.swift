import Foundation
import LLNCHubCore
import PostgresNIO

/// Where a PostgreSQL hub store lives, read from a `postgres://user[:password]@host[:port]/database`
/// URL (`?sslmode=disable|prefer|require`, default `prefer`).
///
/// The password is kept apart from everything that prints: `description` is the URL without
/// it, so logs, errors and `--help` output never carry it. Operators should prefer leaving it
/// out of the URL altogether and setting `PGPASSWORD` (read when the URL has none), so it
/// is not visible in the process list either.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public var host: String
    public var port: Int
    public var username: String
    public var database: String
    public var tls: TLSMode
    var password: String?

    public init(host: String, port: Int = 5432, username: String, password: String? = nil, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses a `postgres://` or `postgresql://` URL; `environment` supplies `PGPASSWORD`
    /// when the URL has no password.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(HubStoreChoiceError) {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased())
        else { throw .malformedURL(reason: "it must start with postgres:// (e.g. postgres://llnc_hub@127.0.0.1:5432/llnc)") }
        guard let host = components.host, !host.isEmpty else { throw .malformedURL(reason: "it names no host") }
        guard let user = components.user, !user.isEmpty else { throw .malformedURL(reason: "it names no user (postgres://USER@host/db)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .malformedURL(reason: "it names no database (postgres://user@host/DATABASE)") }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw .malformedURL(reason: "sslmode must be one of disable, prefer, require")
                }
                tls = mode
            default:
                throw .malformedURL(reason: "the option \(item.name) is not understood (only sslmode is)")
            }
        }
        self.init(
            host: host, port: components.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 } ?? environment["PGPASSWORD"],
            database: database.removingPercentEncoding ?? database, tls: tls)
    }

    /// The URL without its password: safe to print and log.
    public var description: String {
        let query = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(username)@\(hostPart):\(port)/\(database)\(query)"
    }

    /// The same server and credentials, another database: tests make one database each.
    public func database(_ name: String) -> PostgresLocation {
        var copy = self
        copy.database = name
        return copy
    }

    var clientConfiguration: PostgresClient.Configuration {
        let tlsConfiguration: PostgresClient.Configuration.TLS =
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tlsConfiguration)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 16
        // PostgresNIO waits for a query's answer without a limit and without heeding task
        // cancellation, so a statement stuck on a lock, or a transaction left open, would hold
        // a request (or a test) forever. The server enforces these bounds instead and answers
        // with an error (57014, 55P03, 25P03) that reaches the caller.
        configuration.options.additionalStartupParameters = Self.sessionBounds
        return configuration
    }

    /// What every hub session asks the server for: no hub statement legitimately runs for
    /// minutes, waits a minute for a row lock, or sits idle inside a transaction.
    static let sessionBounds: [(String, String)] = [
        ("statement_timeout", "300s"),
        ("lock_timeout", "60s"),
        ("idle_in_transaction_session_timeout", "120s"),
    ]
}

/// Why the hub could not tell which store to open.
public enum HubStoreChoiceError: Error, Equatable, CustomStringConvertible {
    case malformedURL(reason: String)
    /// Carries no text: a mistyped URL may hold a password.
    case unknownStore
    /// `--store` carried a password: every local user can read a command line.
    case passwordOnCommandLine

    public var description: String {
        switch self {
        case .malformedURL(let reason):
            "the PostgreSQL store URL is not usable: \(reason)"
        case .unknownStore:
            "the store must be `sqlite` or a postgres:// URL (e.g. postgres://llnc_hub@127.0.0.1:5432/llnc)"
        case .passwordOnCommandLine:
            "--store holds a password, which every user of this machine can read from the process list: give the URL without it and the password in PGPASSWORD, or put the whole URL in $LLNC_HUB_STORE or the first line of <hub dir>/store (mode 600)"
        }
    }
}
