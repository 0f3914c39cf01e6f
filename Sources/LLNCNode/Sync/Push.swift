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
            let header = try Envelope.decode(json: entry.envelopeJSON).header
            let answer: Result<Receipt, HubClientError>
            do { answer = .success(try await client.submit(envelopeJSON: entry.envelopeJSON)) } catch { answer = .failure(error) }
            switch Self.settlement(of: answer, for: header, hubSigningKey: identity.hubKeys.signingKey) {
            case .delivered(let receipt):
                try outbox.markDelivered(entry.sequence, receiptJSON: receipt.jsonBytes(), at: now())
                report.delivered.append(entry.sequence)
                continue
            case .rejected(let code, let detail, let receipt):
                try outbox.markRejected(entry.sequence, reasonCode: code, detail: detail, receiptJSON: receipt.jsonBytes(), at: now())
                report.rejected.append(.init(sequence: entry.sequence, code: code, detail: detail))
                report.stoppedBecause = "the hub refused envelope \(entry.sequence) (\(code)): a person must look before more is sent"
            case .retry(let reason):
                try retryLater(entry, because: reason, now: now(), random: &random)
                report.stoppedBecause = reason
            }
            break
        }
        report.stillPending = try outbox.pending().count
        return report
    }

    /// What the hub's answer means for an envelope. Pure, so every case is a table test.
    public enum Settlement: Sendable, Equatable {
        /// A receipt that verifies with the pinned hub key, answers this envelope, and says
        /// `accepted`.
        case delivered(Receipt)
        /// A refusal the hub signed (a verified `rejected` receipt for this envelope) that
        /// retrying cannot change.
        case rejected(code: String, detail: String, receipt: Receipt)
        /// Anything else: no answer, a retryable refusal, an unsigned refusal, a receipt that
        /// does not verify. The envelope stays pending; nothing is settled on an unproven word.
        case retry(String)
    }

    public static func settlement(
        of answer: Result<Receipt, HubClientError>, for header: EnvelopeHeader, hubSigningKey: [UInt8]
    ) -> Settlement {
        switch answer {
        case .success(let receipt):
            do { try receipt.verify(hubSigningKey: hubSigningKey, for: header) } catch {
                return .retry("the hub's receipt did not verify (\(error)); check the hub's keys with its operator")
            }
            switch receipt.outcome {
            case .accepted: return .delivered(receipt)
            case .rejected: return .rejected(code: receipt.reasonCode, detail: "the hub's signed receipt says rejected", receipt: receipt)
            case .duplicate: return .retry("the hub answered with a receipt marked duplicate rather than the original receipt")
            }
        case .failure(let error):
            guard !error.isRetryable, case .refused(let problem, let receipt) = error else { return .retry(error.description) }
            guard let receipt else {
                return .retry("the hub refused (\(problem.code): \(problem.detail)) without a signed receipt; the envelope stays pending")
            }
            do { try receipt.verify(hubSigningKey: hubSigningKey, for: header) } catch {
                return .retry("a refusal came with a receipt that does not verify (\(error)); the envelope stays pending")
            }
            guard receipt.outcome == .rejected else {
                return .retry("a refusal came with a receipt that does not say rejected; the envelope stays pending")
            }
            return .rejected(code: problem.code, detail: problem.detail, receipt: receipt)
        }
    }

    private func retryLater(_ entry: Outbox.Entry, because reason: String, now: Int64, random: inout SystemRandomNumberGenerator) throws {
        let delay = backoff.delay(attempt: entry.attempts, using: &random)
        try outbox.markAttemptFailed(entry.sequence, error: reason, retryAt: now + Int64(delay.rounded(.up)))
    }
}
