import Foundation
import LLNCTestSupport
import Testing

@testable import LLNCHubCore

/// A PostgreSQL store whose server does not answer: a one-shot command names the server it
/// could not reach and stops, and `serve` stops at once on SIGTERM instead of waiting on the
/// pool. The real `llnc-hub`, pointed at a loopback port nothing listens on.
@Suite(.timeLimit(.minutes(10)))
struct UnreachablePostgresTests {
    /// A hub directory with keys, whose store is PostgreSQL on a closed loopback port.
    static func hubDirectory() throws -> (TemporaryDirectory, port: Int) {
        let directory = try TemporaryDirectory("llnc-unreachable-pg")
        _ = try HubIdentity.create(in: directory.url)
        let port = Int(try LoopbackSocket.closedPort())
        try "postgres://llnc_hub@127.0.0.1:\(port)/llnc?sslmode=disable\n".write(
            to: directory.url.appendingPathComponent("store"), atomically: true, encoding: .utf8)
        return (directory, port)
    }

    @Test func aCommandNamesTheServerItCouldNotReachAndStops() async throws {
        let (directory, port) = try Self.hubDirectory()
        defer { directory.remove() }
        let run = try await BuiltBinary.run("llnc-hub", ["sites", "list", "--hub-dir", directory.url.path])
        #expect(run.status != 0)
        #expect(run.error.contains("PostgreSQL at 127.0.0.1:\(port) (database llnc, user llnc_hub) did not accept a connection"), "\(run.error)")
        #expect(run.error.contains("pg_isready -h 127.0.0.1 -p \(port)"))
    }

    /// SIGTERM while `serve` waits for its first connection ends it then, not when the wait
    /// for PostgreSQL runs out.
    @Test func serveStopsOnSIGTERMWhileWaitingForTheDatabase() async throws {
        let (directory, _) = try Self.hubDirectory()
        defer { directory.remove() }
        let binary = try #require(BuiltBinary.url("llnc-hub"))
        let log = directory.url.appendingPathComponent("serve.log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let process = Process()
        process.executableURL = binary
        // A wait far longer than the test, so SIGTERM arrives during it however busy the machine.
        process.arguments = ["serve", "--hub-dir", directory.url.path, "--host", "127.0.0.1", "--port", "0", "--store-wait", "3600"]
        var environment = ProcessInfo.processInfo.environment
        environment["LLNC_HUB_STORE"] = nil
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try ChildProcess.start(process)
        // It logs its settings just before it starts waiting for the store.
        let deadline = ContinuousClock.now + TestTime.scaled(.seconds(60))
        while process.isRunning, ContinuousClock.now < deadline,
            !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("llnc-hub serving")
        {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(process.isRunning)
        process.terminate()
        try await process.exit(within: .seconds(60))
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(!text.contains("did not accept a connection"), "it stopped on SIGTERM, not when the wait ran out: \(text)")
    }
}
