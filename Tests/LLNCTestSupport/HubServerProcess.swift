import Foundation

/// A real `llnc-hub serve` process on 127.0.0.1 and a port the system picks, which a test
/// can kill with SIGKILL and start again on the same hub directory.
public actor HubServerProcess {
    public let binary: URL
    public let directory: URL
    private var process: Process?
    private var starts = 0
    /// The port of the running server; `nil` while it is down.
    public private(set) var port: Int?

    /// Extra `serve` arguments, e.g. `--catalogue-version`.
    public let arguments: [String]

    public init(binary: URL, directory: URL, arguments: [String] = []) {
        self.arguments = arguments
        self.binary = binary
        self.directory = directory
    }

    /// Starts the server and waits (at most 60 s, scaled by `LLNC_TEST_TIME_SCALE`) until it logs the port it listens on.
    public func start() async throws {
        starts += 1
        let log = directory.appendingPathComponent("serve-\(starts).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log.path])
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--hub-dir", directory.path, "--host", "127.0.0.1", "--port", "0"] + arguments
        // The hub directory (its `store` file) decides the store, not the developer's shell.
        var environment = ProcessInfo.processInfo.environment
        environment["LLNC_HUB_STORE"] = nil
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try ChildProcess.start(process)
        self.process = process
        let marker = "listening on 127.0.0.1:"
        let deadline = ContinuousClock.now + TestTime.scaled(.seconds(60))
        while ContinuousClock.now < deadline {
            // A server that died on start-up will never log its port: say so now.
            guard process.isRunning else { break }
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: marker) {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) {
                    self.port = port
                    return
                }
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure.didNotStart(log.path)
    }

    /// A test that fails before calling `stop()` must not leave a server running.
    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    public func killHard() async {
        guard let process else { return }
        port = nil
        kill(process.processIdentifier, SIGKILL)
        self.process = nil
        try? await process.exit(within: .seconds(30))
    }

    /// SIGTERM, and a bounded wait for the clean stop; past it, SIGKILL.
    public func stop() async {
        guard let process else { return }
        port = nil
        process.terminate()
        self.process = nil
        try? await process.exit(within: .seconds(60))
    }

    public enum Failure: Error {
        case didNotStart(String)
    }
}
