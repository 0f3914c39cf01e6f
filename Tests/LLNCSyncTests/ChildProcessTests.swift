import Foundation
import LLNCTestSupport
import Testing

/// The hang behind issue 15: Foundation's `Pipe` is inherited by any child another thread
/// starts at the same moment, and a test reading its own child's output then waits for that
/// other child to end. `ChildProcess` must never let a child hold another child's pipe.
@Suite(.timeLimit(.minutes(10)))
struct ChildProcessTests {
    /// Each child reports the descriptors it was started with (`find /proc/self/fd`); its
    /// standard output is its own pipe, and nothing from 3 up may be a pipe. Two tasks start
    /// children as fast as they can, as parallel tests do, so each start races the other's.
    @Test func noChildInheritsAPipeMadeForAnotherChild() async throws {
        let runs = 400
        let leaks = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var leaked: [String] = []
                    for _ in 0..<runs {
                        let process = Process()
                        process.executableURL = URL(fileURLWithPath: "/usr/bin/find")
                        process.arguments = ["/proc/self/fd", "-mindepth", "1", "-printf", "%f %l\\n"]
                        let streams = try ChildProcess.start(process, captureOutput: true)
                        try await process.exit(within: .seconds(60))
                        let listing = try #require(await streams.output?.text(within: .seconds(60)))
                        leaked += listing.split(separator: "\n").filter { line in
                            let parts = line.split(separator: " ")
                            return parts.count == 2 && (Int(parts[0]) ?? 0) >= 3 && parts[1].hasPrefix("pipe:")
                        }.map(String.init)
                    }
                    return leaked
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(leaks.isEmpty, "children held pipes made for other children: \(leaks.prefix(5))")
    }

    /// A child that writes more than a pipe holds is read while it runs, and its output
    /// arrives whole: the reader never waits on a full pipe.
    @Test func aChattyChildIsReadWhileItRuns() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/head")
        process.arguments = ["-c", "1048576", "/dev/zero"]
        let streams = try ChildProcess.start(process, captureOutput: true, captureError: true)
        try await process.exit(within: .seconds(60))
        let output = try #require(await streams.output?.text(within: .seconds(60)))
        #expect(output.utf8.count == 1_048_576)
        #expect(await streams.error?.text(within: .seconds(60)) == "")
    }
}
