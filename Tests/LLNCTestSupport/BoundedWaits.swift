import Foundation
import Synchronization

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

/// Work that had not finished within its limit: it was cancelled and left behind, so the test
/// fails by name instead of waiting on it.
public struct WorkDidNotFinish: Error, CustomStringConvertible {
    public let what: String
    public let limit: Duration
    public var description: String {
        "\(what) had not finished after \(limit) (LLNC_TEST_TIME_SCALE \(TestTime.scale)); cancelled it and left it behind"
    }
}

/// Runs `work` and returns what it returns, or throws once `limit` (scaled) has passed or the
/// calling task is cancelled, whether or not `work` heeds cancellation.
///
/// Swift Testing's `.timeLimit` only cancels a test; a test suspended on something that
/// ignores cancellation (PostgresNIO's wait for a query's answer is one) then never ends and
/// the run never finishes. Here the caller resumes on its own: the work runs in a task of its
/// own, is cancelled, and is abandoned if it still does not end, so `work` must own what it
/// touches (hence `@escaping`) and the caller must clean up what the work left (a test
/// database is dropped WITH (FORCE), which also ends the work's sessions).
public func finishing<Result: Sendable>(
    within limit: Duration, _ what: String, _ work: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    let limit = TestTime.scaled(limit)
    let race = FinishingRace<Result>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { continuation in
            race.start(
                continuation,
                work: Task {
                    do { race.finish(with: .success(try await work())) } catch { race.finish(with: .failure(error)) }
                },
                timer: Task {
                    guard (try? await Task.sleep(for: limit)) != nil else { return }
                    race.finish(with: .failure(WorkDidNotFinish(what: what, limit: limit)))
                })
            if Task.isCancelled { race.finish(with: .failure(CancellationError())) }
        }
    } onCancel: {
        race.finish(with: .failure(CancellationError()))
    }
}

/// Who of the work, its timer and a cancellation comes first: the first resumes the caller
/// and cancels the other two; later ones are ignored.
private final class FinishingRace<Result: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result, any Error>?
        var outcome: Swift.Result<Result, any Error>?
        var tasks: [Task<Void, Never>] = []
    }
    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<Result, any Error>, work: Task<Void, Never>, timer: Task<Void, Never>) {
        let early: Swift.Result<Result, any Error>? = state.withLock { state in
            state.tasks = [work, timer]
            if let outcome = state.outcome { return outcome }
            state.continuation = continuation
            return nil
        }
        if let early {
            work.cancel()
            timer.cancel()
            continuation.resume(with: early)
        }
    }

    func finish(with outcome: Swift.Result<Result, any Error>) {
        let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<Result, any Error>?, [Task<Void, Never>]) in
            guard state.outcome == nil else { return (nil, []) }
            state.outcome = outcome
            defer { state.continuation = nil }
            return (state.continuation, state.tasks)
        }
        for task in tasks { task.cancel() }
        continuation?.resume(with: outcome)
    }
}
