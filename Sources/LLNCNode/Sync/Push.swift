import Foundation
import LLNCProtocol

/// Sends the outbox's pending envelopes to the hub, oldest first, and settles each by the
/// hub's answer. Order is the protocol's: the hub refuses a sequence number below one it
/// has accepted, so a push stops at the first envelope it could not settle rather than
/// sending later ones past it.
public struct Push: Sendable {
    public let outbox: Outbox
    public let identity: SiteIdentity
    public let client: HubClient
    public var backoff = Backoff()

    public init(outbox: Outbox, identity: SiteIdentity, client: HubClient? = nil) {
        self.outbox = outbox
        self.identity = identity
        self.client = client ?? HubClient(baseURL: identity.hubURL)
    }

    /// What one push did, for the operator and the audit log.
    public struct Report: Sendable, Equatable {
        public var delivered: [UInt64] = []
        /// Permanently refused: sequence, the hub's code and its explanation.
        public var rejected: [Rejection] = []
        /// Why the push stopped early with envelopes still pending, if it did.
        public var stoppedBecause: String?
        public var stillPending = 0

        public struct Rejection: Sendable, Equatable {
            public var sequence: UInt64
            public var code: String
            public var detail: String
        }
    }

    /// Sends every pending envelope in order until one cannot be settled now.
    public func run(now: () -> Int64 = { Int64(Date().timeIntervalSince1970) }) async throws -> Report {
        var report = Report()
        var random = SystemRandomNumberGenerator()
        for entry in try outbox.pending() {
            let envelope = try Envelope.decode(json: entry.envelopeJSON)
            do {
                let receipt = try await client.submit(envelopeJSON: entry.envelopeJSON)
                try receipt.verify(hubSigningKey: identity.hubKeys.signingKey, for: envelope.header)
                try outbox.markDelivered(entry.sequence, receiptJSON: receipt.jsonBytes(), at: now())
                report.delivered.append(entry.sequence)
            } catch let error as HubClientError where !error.isRetryable {
                guard case .refused(let problem, let receipt) = error else {
                    try retryLater(entry, because: error.description, now: now(), random: &random)
                    report.stoppedBecause = error.description
                    break
                }
                // A rejection is final only when the hub signed it; an unsigned problem for an
                // authenticated envelope is treated as a fault to retry.
                if let receipt {
                    try receipt.verify(hubSigningKey: identity.hubKeys.signingKey, for: envelope.header)
                }
                try outbox.markRejected(entry.sequence, reasonCode: problem.code, detail: problem.detail, receiptJSON: receipt?.jsonBytes(), at: now())
                report.rejected.append(.init(sequence: entry.sequence, code: problem.code, detail: problem.detail))
                report.stoppedBecause = "the hub refused envelope \(entry.sequence) (\(problem.code)): a person must look before more is sent"
                break
            } catch let error as HubClientError {
                try retryLater(entry, because: error.description, now: now(), random: &random)
                report.stoppedBecause = error.description
                break
            } catch let error as ProtocolError {
                // A receipt that does not verify: never mark anything delivered on its word.
                try retryLater(entry, because: "the hub's receipt did not verify: \(error)", now: now(), random: &random)
                report.stoppedBecause = "the hub's receipt did not verify (\(error)); check the hub's keys with its operator"
                break
            }
        }
        report.stillPending = try outbox.pending().count
        return report
    }

    private func retryLater(_ entry: Outbox.Entry, because reason: String, now: Int64, random: inout SystemRandomNumberGenerator) throws {
        let delay = backoff.delay(attempt: entry.attempts, using: &random)
        try outbox.markAttemptFailed(entry.sequence, error: reason, retryAt: now + Int64(delay.rounded(.up)))
    }
}
