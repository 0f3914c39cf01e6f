import Foundation

/// The executables `swift build` put beside the test bundle, so tests can run `llnc-hub`
/// and `llnc-node` as real processes, the way operators do.
public enum BuiltBinary {
    public static func url(_ name: String) -> URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// Runs `name` with `arguments` to completion; returns its exit status, standard output
    /// and standard error. Bounded: a child that has not exited after 120 s (scaled) is
    /// killed and this throws. With `umask` (octal text, e.g. "000") the child starts with
    /// that umask, through `/bin/sh`, so the test's own process keeps its umask.
    public static func run(_ name: String, _ arguments: [String], umask: String? = nil) async throws -> (
        status: Int32, output: String, error: String
    ) {
        guard let binary = url(name) else { throw Missing(name: name) }
        let process = Process()
        if let umask {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", binary.path] + arguments
        } else {
            process.executableURL = binary
            process.arguments = arguments
        }
        // A test's hub directory decides the hub's store, not the developer's shell.
        var environment = ProcessInfo.processInfo.environment
        environment["LLNC_HUB_STORE"] = nil
        process.environment = environment
        let streams = try ChildProcess.start(process, captureOutput: true, captureError: true)
        try await process.exit(within: .seconds(120))
        guard let output = await streams.output?.text(within: .seconds(30)), let error = await streams.error?.text(within: .seconds(30)) else {
            throw OutputStillOpen(name: name)
        }
        return (process.terminationStatus, output, error)
    }

    /// The child exited but its output did not close: a grandchild holds it.
    public struct OutputStillOpen: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "\(name) exited, but its output was still open 30 s later (a process it started holds it)" }
    }

    public struct Missing: Error, CustomStringConvertible {
        public let name: String
        public init(name: String) { self.name = name }
        public var description: String { "\(name) is not built; `swift build --build-tests` builds it" }
    }
}

/// A fresh directory under the system's temporary folder, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(_ prefix: String = "llnc") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func remove() { try? FileManager.default.removeItem(at: url) }
}
