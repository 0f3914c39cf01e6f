import Foundation
import LLNCProtocol
import LLNCTestSupport

/// A real hub for sync tests: `llnc-hub keys init`, then `llnc-hub serve` on a port the
/// system picks, driven through the same commands an operator types.
struct HubUnderTest {
    let directory: TemporaryDirectory
    let server: HubServerProcess

    static func start() async throws -> HubUnderTest {
        let directory = try TemporaryDirectory("llnc-sync-hub")
        try await HubUnderTest.hubCommand(["keys", "init", "--hub-dir", directory.url.path])
        // The catalogue version the tests' cells claim, with its terms, as
        // `llnc-hub catalogue publish` writes them from a real catalogue folder.
        try TestCatalogue.publish(in: directory.url)
        guard let binary = BuiltBinary.url("llnc-hub") else { throw BuiltBinary.Missing(name: "llnc-hub") }
        let server = HubServerProcess(binary: binary, directory: directory.url)
        try await server.start()
        return HubUnderTest(directory: directory, server: server)
    }

    var url: URL {
        get async { URL(string: "http://127.0.0.1:\(await server.port ?? 0)/")! }
    }

    /// `llnc-hub sites invite LA`: the token it prints.
    func invite(_ laNumber: String) async throws -> EnrolmentToken {
        let output = try await HubUnderTest.hubCommand(["sites", "invite", laNumber, "--hub-dir", directory.url.path])
        return try EnrolmentToken(parsing: output)
    }

    @discardableResult
    func command(_ arguments: [String]) async throws -> String {
        try await HubUnderTest.hubCommand(arguments + ["--hub-dir", directory.url.path])
    }

    func stop() async {
        await server.stop()
        directory.remove()
    }

    @discardableResult
    static func hubCommand(_ arguments: [String]) async throws -> String {
        let result = try await BuiltBinary.run("llnc-hub", arguments)
        guard result.status == 0 else { throw CommandFailed(arguments: arguments, error: result.error) }
        return result.output
    }

    struct CommandFailed: Error, CustomStringConvertible {
        let arguments: [String], error: String
        var description: String { "llnc-hub \(arguments.joined(separator: " ")) failed: \(error)" }
    }
}
