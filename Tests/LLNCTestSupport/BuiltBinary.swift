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
    /// and standard error.
    public static func run(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        guard let binary = url(name) else { throw Missing(name: name) }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        // A test's hub directory decides the hub's store, not the developer's shell.
        var environment = ProcessInfo.processInfo.environment
        environment["LLNC_HUB_STORE"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error is drained on its own thread while standard output is read here:
        // read one after the other, a child that fills the unread pipe (64 KiB) blocks on
        // its write and never closes the other, and both sides wait forever.
        let errorData = LockedData()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errorData.set(err.fileHandleForReading.readDataToEndOfFile())
            drained.signal()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        try process.exitSync(within: .seconds(120))
        guard drained.wait(timeout: .now() + TestTime.scaledSeconds(30)) == .success else {
            throw ProcessDidNotExit(pid: process.processIdentifier, limit: .seconds(30))
        }
        let error = errorData.get()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    private final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ value: Data) { lock.withLock { data = value } }
        func get() -> Data { lock.withLock { data } }
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
