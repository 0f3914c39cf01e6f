import Foundation

/// The one way tests start child processes, closing the two ways Foundation's `Process`
/// hung the suite.
///
/// 1. **A leaked pipe.** Foundation's `Pipe` is not close-on-exec, and `Process.run` closes
///    the parent's other descriptors in the child from a list it takes before spawning; a pipe
///    another thread creates in between is inherited by the unrelated child. A test reading
///    its own child's output to end-of-file then waits for as long as that other child lives:
///    a hub server started by another test lives for minutes (seen: 7 reads in 2,454 held
///    3 s by a concurrent 3 s child). So every pipe here is made with `O_CLOEXEC`, and every
///    start happens under one lock, so no descriptor made for one start (its pipes,
///    Foundation's own termination socket) can reach another start's child.
/// 2. **A blocked pool.** Reading a pipe to end-of-file blocks its thread. On a Swift
///    concurrency thread (two on a two-core machine) two such reads stop every other test,
///    including the one whose server holds the pipe. So output is read on threads of its
///    own, and awaited with a bound.
public enum ChildProcess {
    private static let starting = NSLock()

    /// Starts `process`; with `captureOutput`/`captureError`, that stream goes to a pipe read
    /// on its own thread (any stream left unset by the caller goes where it set it).
    @discardableResult
    public static func start(_ process: Process, captureOutput: Bool = false, captureError: Bool = false) throws -> Streams {
        try starting.withLock {
            let output = try captureOutput ? ClosingPipe() : nil
            let error = try captureError ? ClosingPipe() : nil
            if let output { process.standardOutput = output.writing }
            if let error { process.standardError = error.writing }
            defer {
                // The parent's copies of the write ends: the child holds the only others.
                output?.closeWriting()
                error?.closeWriting()
            }
            try process.run()
            return Streams(output: output.map { PipeReader($0.reading) }, error: error.map { PipeReader($0.reading) })
        }
    }

    public struct Streams: Sendable {
        public let output: PipeReader?
        public let error: PipeReader?
    }
}

/// A pipe whose descriptors are close-on-exec: only the child it is given to (as its
/// standard output or error, which `dup2` makes inheritable) ever holds its write end.
/// Made under `ChildProcess`'s lock, so no start sees it before the flag is set (Glibc's
/// `pipe2` is not visible to Swift).
struct ClosingPipe {
    let reading: FileHandle
    let writing: FileHandle

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0, fcntl(fds[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        reading = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        writing = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
    }

    func closeWriting() { try? writing.close() }
}

/// Reads a pipe to end-of-file on a thread of its own (never a Swift concurrency thread),
/// so a child that writes a lot never blocks on a full pipe and a reader never blocks a test.
public final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let read = handle.readDataToEndOfFile()
            lock.withLock { data = read }
        }
    }

    /// Everything the child wrote, once the pipe has closed; `nil` if it is still open after
    /// `limit` (scaled), which only a grandchild holding the pipe can cause.
    public func text(within limit: Duration) async -> String? {
        let deadline = ContinuousClock.now + TestTime.scaled(limit)
        while ContinuousClock.now < deadline {
            if let data = lock.withLock({ data }) { return String(decoding: data, as: UTF8.self) }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return lock.withLock { data }.map { String(decoding: $0, as: UTF8.self) }
    }
}
