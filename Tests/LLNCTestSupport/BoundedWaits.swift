import Foundation

/// How much longer than on an idle machine a test may wait for anything outside itself (a
/// process to start or exit, a server to answer). `LLNC_TEST_TIME_SCALE` multiplies every
/// such limit (default 1, never below 1): a loaded 2-core machine or a sanitizer build sets
/// it higher instead of a test growing a tighter or looser number of its own.
public enum TestTime {
    public static let scale: Double = {
        let raw = ProcessInfo.processInfo.environment["LLNC_TEST_TIME_SCALE"].flatMap(Double.init) ?? 1
        return max(raw, 1)
    }()

    public static func scaled(_ limit: Duration) -> Duration { limit * scale }

    public static func scaledSeconds(_ seconds: Double) -> Double { seconds * scale }
}

/// A child process that did not exit within its limit; it has been sent SIGKILL.
public struct ProcessDidNotExit: Error, CustomStringConvertible {
    public let pid: Int32
    public let limit: Duration
    public var description: String { "process \(pid) had not exited after \(limit) (LLNC_TEST_TIME_SCALE \(TestTime.scale)); killed it with SIGKILL" }
}

extension Process {
    /// Waits until the process has exited, without blocking a cooperative-pool thread the way
    /// `waitUntilExit()` does (it spins the calling thread's run loop until Foundation's
    /// monitor sees the exit, and never returns if that is missed). Bounded: past `limit`
    /// (scaled) the process is sent SIGKILL and this throws, so a test fails by name instead
    /// of waiting forever. Cancellation (a `.timeLimit` running out) kills it too.
    public func exit(within limit: Duration) async throws {
        let deadline = ContinuousClock.now + TestTime.scaled(limit)
        while isRunning {
            guard ContinuousClock.now < deadline, !Task.isCancelled else {
                kill(processIdentifier, SIGKILL)
                await reaped(within: .seconds(10))
                throw ProcessDidNotExit(pid: processIdentifier, limit: TestTime.scaled(limit))
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// After SIGKILL, a bounded moment for Foundation to reap the child.
    private func reaped(within grace: Duration) async {
        let end = ContinuousClock.now + grace
        while isRunning, ContinuousClock.now < end {
            try? await Task.sleep(for: .milliseconds(10))
            if Task.isCancelled { usleep(10_000) }
        }
    }
}
