import Foundation
import GRDB
import LLNCProtocol
import Logging
import ServiceLifecycle

/// `llnc-node run`: pushes the outbox on a schedule for as long as the node runs, backing
/// off while the hub is unreachable and waking when an envelope's retry time comes. Stops
/// cleanly on SIGTERM/SIGINT (it is a `Service` in a `ServiceGroup`).
///
/// A push always starts at the oldest pending envelope (the hub refuses a sequence below one
/// it accepted), so the schedule is the head of the queue's: the service pushes when the
/// head's retry time has come, or when it has just sealed a new batch, and otherwise sleeps
/// until the head is due (at most `interval`). The envelopes behind the head have never been
/// tried and carry no retry time of their own; they wait with it.
public struct OutboxService: Service {
    public let push: Push
    public let interval: Duration
    public let logger: Logger
    /// Runs before each push; returns how many batches it sealed into the outbox.
    public let sealApproved: @Sendable () throws -> Int
    /// Seconds since 1970; a test passes a fake one.
    public let clock: @Sendable () -> Int64
    /// Waits out a pause; the default returns early on graceful shutdown. A test passes one
    /// that advances its fake clock instead.
    public let sleep: @Sendable (Duration) async throws -> Void

    public init(
        push: Push, interval: Duration = .seconds(300), logger: Logger,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) },
        sleep: @escaping @Sendable (Duration) async throws -> Void = OutboxService.sleepUntilShutdown,
        sealApproved: @escaping @Sendable () throws -> Int = { 0 }
    ) {
        self.push = push
        self.interval = interval
        self.logger = logger
        self.clock = clock
        self.sleep = sleep
        self.sealApproved = sealApproved
    }

    public static let sleepUntilShutdown: @Sendable (Duration) async throws -> Void = { pause in
        _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let wait: Duration
            do {
                let sealed = try sealApproved()
                if sealed > 0 { logger.info("sealed approved batches", metadata: ["outbox.sealed": "\(sealed)"]) }
                let pushNow = try sealed > 0 || headIsDue(now: clock())
                if pushNow {
                    log(try await push.run(now: clock))
                }
                wait = try nextWait(now: clock())
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) {
                // A long ingest holds the store: nothing is lost (an envelope the hub took is
                // resent and answered with its original receipt), so wait and carry on.
                logger.warning("the node's store is busy (an ingest?); trying again shortly", metadata: ["error": "\(error.resultCode)"])
                wait = min(interval, .seconds(30))
            }
            try await sleep(wait)
        }
    }

    /// Whether the oldest pending envelope's retry time has come (an untried one is due at once).
    func headIsDue(now: Int64) throws -> Bool {
        guard let due = try push.outbox.headRetryTime() else { return false }
        return due <= now
    }

    /// Until the oldest pending envelope is due, but never longer than `interval` (approved
    /// batches are sealed only when the service wakes).
    func nextWait(now: Int64) throws -> Duration {
        guard let due = try push.outbox.headRetryTime() else { return interval }
        return min(interval, .seconds(max(1, due - now)))
    }

    private func log(_ report: Push.Report) {
        if !report.delivered.isEmpty || !report.rejected.isEmpty || report.stoppedBecause != nil {
            logger.info(
                "outbox push",
                metadata: [
                    "push.delivered": "\(report.delivered.count)", "push.rejected": "\(report.rejected.count)",
                    "push.pending": "\(report.stillPending)", "push.stopped": "\(report.stoppedBecause ?? "-")",
                ])
        }
        for rejection in report.rejected {
            logger.error(
                "the hub refused an envelope",
                metadata: [
                    "envelope.sequence": "\(rejection.sequence)", "refusal.code": "\(rejection.code)", "refusal.detail": "\(rejection.detail)",
                ])
        }
    }
}
