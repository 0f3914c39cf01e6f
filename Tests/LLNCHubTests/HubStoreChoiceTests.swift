import Foundation
import LLNCTestSupport
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// Which store a command opens: the flag, then `LLNC_HUB_STORE`, then `<hub dir>/store`, then
/// SQLite; and a PostgreSQL password never appears in anything printed.
@Suite(.timeLimit(.minutes(10)))
struct HubStoreChoiceTests {
    @Test func theFlagThenTheEnvironmentThenTheFileThenSQLite() throws {
        let directory = try TemporaryDirectory("llnc-store-choice")
        defer { directory.remove() }
        let sqlite = HubStoreChoice.sqlite(path: SQLiteHubStore.url(in: directory.url).path)
        #expect(try HubStoreChoice.resolve(flag: nil, hubDirectory: directory.url, environment: [:]) == sqlite)

        try Data("# the store\n\npostgres://from_file@db.example:5433/llnc?sslmode=require\n".utf8)
            .write(to: HubStoreChoice.fileURL(in: directory.url))
        let fromFile = try HubStoreChoice.resolve(flag: nil, hubDirectory: directory.url, environment: [:])
        #expect(fromFile == .postgres(PostgresLocation(host: "db.example", port: 5433, username: "from_file", database: "llnc", tls: .require)))

        let environment = [HubStoreChoice.environmentVariable: "postgres://from_env@127.0.0.1/other"]
        guard case .postgres(let fromEnvironment) = try HubStoreChoice.resolve(flag: nil, hubDirectory: directory.url, environment: environment)
        else {
            Issue.record("LLNC_HUB_STORE ignored")
            return
        }
        #expect(fromEnvironment.username == "from_env" && fromEnvironment.port == 5432 && fromEnvironment.tls == .prefer)

        #expect(try HubStoreChoice.resolve(flag: "sqlite", hubDirectory: directory.url, environment: environment) == sqlite)
    }

    @Test func aPasswordIsReadButNeverPrinted() throws {
        let location = try PostgresLocation(url: "postgres://hub:s3cret%21@127.0.0.1:5432/llnc", environment: [:])
        #expect(location.password == "s3cret!")
        #expect(location.description == "postgres://hub@127.0.0.1:5432/llnc")
        #expect(!"\(HubStoreChoice.postgres(location))".contains("s3cret"))
        #expect(!String(reflecting: location).contains("s3cret"))
        let fromEnvironment = try PostgresLocation(url: "postgres://hub@127.0.0.1/llnc", environment: ["PGPASSWORD": "other"])
        #expect(fromEnvironment.password == "other")
    }

    /// Every local user can read a command line (/proc/PID/cmdline); the environment and the
    /// store file (mode 600) are the hub user's own.
    @Test func aPasswordOnTheCommandLineIsRefusedButNotInTheEnvironmentOrTheFile() throws {
        let directory = try TemporaryDirectory("llnc-store-choice")
        defer { directory.remove() }
        let url = "postgres://hub:s3cret@127.0.0.1:5432/llnc"
        #expect(throws: HubStoreChoiceError.passwordOnCommandLine) {
            try HubStoreChoice.resolve(flag: url, hubDirectory: directory.url, environment: [:])
        }
        #expect(!HubStoreChoiceError.passwordOnCommandLine.description.contains("s3cret"))
        let fromEnvironment = try HubStoreChoice.resolve(
            flag: nil, hubDirectory: directory.url, environment: [HubStoreChoice.environmentVariable: url])
        #expect(fromEnvironment == .postgres(try PostgresLocation(url: url, environment: [:])))
        _ = try HubStoreChoice.resolve(flag: "postgres://hub@127.0.0.1:5432/llnc", hubDirectory: directory.url, environment: ["PGPASSWORD": "s3cret"])
    }

    @Test(arguments: [
        "mysql://hub@127.0.0.1/llnc", "postgres://127.0.0.1/llnc", "postgres://hub@127.0.0.1/", "postgres://hub@127.0.0.1/llnc?sslmode=maybe",
        "postgres://hub@127.0.0.1/llnc?application_name=x",
    ])
    func malformedURLsAreRefusedWithoutEchoingThem(_ url: String) {
        #expect(throws: HubStoreChoiceError.self) {
            try HubStoreChoice.resolve(flag: url, hubDirectory: URL(fileURLWithPath: "/nonexistent"), environment: [:])
        }
        let typo = "postgress://hub:pw123@127.0.0.1/llnc"
        let error = #expect(throws: HubStoreChoiceError.self) {
            try HubStoreChoice.resolve(flag: typo, hubDirectory: URL(fileURLWithPath: "/nonexistent"), environment: [:])
        }
        #expect(error.map { !"\($0)".contains("pw123") } ?? false)
    }
}
