import Foundation
import LLNCProtocol
import LLNCTestSupport
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// `llnc-hub import-bundle` is killed with SIGKILL at random points while it imports
/// envelopes from four sites, then run again until one import finishes: every envelope is
/// stored exactly once, with every cell, and the store file is intact. A kill lands
/// somewhere between two statements whatever the machine's speed; the result must not
/// depend on where.
@Suite(.timeLimit(.minutes(10)))
struct HubCrashTests {
    @Test func killedMidImportEveryEnvelopeIsStoredExactlyOnce() async throws {
        let hubBinary = try #require(CrashFixture.hubBinary(), "build llnc-hub first (swift build --build-tests builds it)")
        let fixture = try await CrashFixture.make(batchesPerSite: 25, cellsPerBatch: 200)
        let dir = fixture.directory
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        for sequence in 0..<25 {
            for site in fixture.envelopes { lines.append(String(decoding: site[sequence].jsonBytes(), as: UTF8.self)) }
        }
        let bundle = dir.appendingPathComponent("bundle.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: bundle, atomically: true, encoding: .utf8)

        var kills = 0
        for attempt in 1...5 {
            let process = Process()
            process.executableURL = hubBinary
            process.arguments = [
                "import-bundle", "--hub-dir", dir.path, "--store", "sqlite", bundle.path, "--answers",
                dir.appendingPathComponent("answers-\(attempt).jsonl").path,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try ChildProcess.start(process)
            if attempt < 5 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 50...800)))
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
            }
            // Bounded: an import that never ends is a named failure, not a silent wait.
            try await process.exit(within: .seconds(300))
            if process.terminationReason == .exit {
                #expect(process.terminationStatus == 0)
                break
            }
        }
        #expect(try await fixture.storedExactlyOnce())
        print("hub crash test (import-bundle): \(kills) SIGKILLs landed mid-import")
    }
}
