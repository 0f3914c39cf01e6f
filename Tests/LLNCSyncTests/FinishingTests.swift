import Foundation
import LLNCTestSupport
import Synchronization
import Testing

/// `finishing(within:)` is what lets a test end when the thing it waits for ignores
/// cancellation (as PostgresNIO's wait for a query's answer does): the caller must come back
/// on time, with a named failure, even while the work is still suspended.
@Suite(.timeLimit(.minutes(10)))
struct FinishingTests {
    /// Work suspended on a continuation nobody resumes, and deaf to cancellation.
    final class DeafWork: Sendable {
        private let waiting = Mutex<CheckedContinuation<Void, Never>?>(nil)
        private let started = Mutex(false)

        func run() async {
            await withCheckedContinuation { continuation in
                waiting.withLock { $0 = continuation }
                started.withLock { $0 = true }
            }
        }

        var hasStarted: Bool { started.withLock { $0 } }

        /// Lets the abandoned work end, so the test leaves nothing suspended behind it.
        func release() {
            waiting.withLock {
                $0?.resume()
                $0 = nil
            }
        }
    }

    @Test func workThatNeverEndsFailsByNameAtItsLimit() async throws {
        let work = DeafWork()
        defer { work.release() }
        let error = await #expect(throws: WorkDidNotFinish.self) {
            try await finishing(within: .milliseconds(200), "the deaf work") { await work.run() }
        }
        #expect(error?.what == "the deaf work")
        #expect(error.map { "\($0)" }?.contains("the deaf work had not finished") == true)
    }

    @Test func cancellingTheCallerEndsTheWaitAtOnce() async throws {
        let work = DeafWork()
        defer { work.release() }
        let caller = Task {
            try await finishing(within: .seconds(3600), "the deaf work") { await work.run() }
        }
        // Bounded wait for the work to suspend, so the cancellation meets it mid-wait.
        for _ in 0..<6000 where !work.hasStarted { try await Task.sleep(for: .milliseconds(10)) }
        #expect(work.hasStarted)
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
    }

    @Test(arguments: [0, 1, 7])
    func workThatEndsGivesItsResultOrItsError(_ value: Int) async throws {
        struct Odd: Error {}
        let outcome = await Result {
            try await finishing(within: .seconds(3600), "arithmetic") { () async throws -> Int in
                if value % 2 == 1 { throw Odd() }
                return value * 2
            }
        }
        switch outcome {
        case .success(let doubled): #expect(value % 2 == 0 && doubled == value * 2)
        case .failure(let error): #expect(value % 2 == 1 && error is Odd)
        }
    }
}

extension Result where Failure == any Error {
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
