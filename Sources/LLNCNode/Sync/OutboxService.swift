import Foundation
import LLNCProtocol
import Logging
import ServiceLifecycle

/// `llnc-node run`: pushes the outbox on a schedule for as long as the node runs, backing
/// off while the hub is unreachable and waking when an envelope's retry time comes. Stops
/// cleanly on SIGTERM/SIGINT (it is a `Service` in a `ServiceGroup`).
public struct OutboxService: Service {
    public let push: Push
    public let interval: Duration
    public let logger: Logger
    /// Runs before each push; returns how many batches it sealed into the outbox.
    public let sealApproved: @Sendable () throws -> Int

    public init(push: Push, interval: Duration = .seconds(300), logger: Logger, sealApproved: @escaping @Sendable () throws -> Int = { 0 }) {
        self.push = push
        self.interval = interval
        self.logger = logger
        self.sealApproved = sealApproved
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = Int64(Date().timeIntervalSince1970)
            let sealed = try sealApproved()
            if sealed > 0 { logger.info("sealed approved batches", metadata: ["outbox.sealed": "\(sealed)"]) }
            let report = try await push.run()
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
            let wait = try nextWait(now: now)
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
    }

    /// Until the earliest pending retry time, but never longer than `interval`.
    private func nextWait(now: Int64) throws -> Duration {
        guard let due = try push.outbox.pending().map(\.nextAttemptAt).min() else { return interval }
        return min(interval, .seconds(max(1, due - now)))
    }
}
