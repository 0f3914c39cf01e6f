import Foundation
import LLNCProtocol

/// Delivery for a site with no network path to the hub (SPEC.md §12): the pending envelopes
/// go to the hub operator as a bundle file, and the answers file the operator's
/// `llnc-hub import-bundle` writes comes back to settle them, receipts verified as in a push.
public enum OfflineBundle {
    /// Writes every pending envelope, in sequence order, one JSON line each, to a new file.
    /// Returns how many were written. Nothing is marked: an envelope stays pending until its
    /// answer comes back.
    @discardableResult
    public static func export(from outbox: Outbox, to url: URL) throws -> Int {
        let pending = try outbox.pending()
        var bytes: [UInt8] = []
        for entry in pending { bytes += entry.envelopeJSON + [UInt8(ascii: "\n")] }
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        try Data(bytes).write(to: url)
        return pending.count
    }

    public struct Settlement: Sendable, Equatable {
        public var delivered = 0
        public var rejected = 0
        /// Answers that settle nothing: a problem before the hub could authenticate the
        /// envelope, a retryable refusal, or an answer for no pending envelope of this node.
        /// Those envelopes stay pending.
        public var unattributed = 0

        public init(delivered: Int = 0, rejected: Int = 0, unattributed: Int = 0) {
            self.delivered = delivered
            self.rejected = rejected
            self.unattributed = unattributed
        }
    }

    /// Settles pending envelopes from an answers file: each line is a receipt or a problem
    /// (with the hub's signed `rejected` receipt when it authenticated the envelope), matched
    /// by submission id and judged exactly as a push judges an answer (`Push.settlement`).
    /// Lines that settle nothing (a retryable or unsigned refusal) leave the envelope pending.
    public static func settle(answers url: URL, outbox: Outbox, identity: SiteIdentity, now: Int64) throws -> Settlement {
        let pending = Dictionary(uniqueKeysWithValues: try outbox.pending().map { ($0.submissionID, $0) })
        var settlement = Settlement()
        let data = try Data(contentsOf: url)
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let bytes = [UInt8](line)
            let answer: Result<Receipt, HubClientError>
            let submissionID: String?
            if let receipt = try? Receipt.decode(json: bytes) {
                answer = .success(receipt)
                submissionID = receipt.submissionID
            } else if let problem = try? JSONDecoder().decode(Problem.self, from: Data(bytes)) {
                answer = .failure(.refused(problem, receipt: problem.receipt))
                submissionID = problem.receipt?.submissionID
            } else {
                settlement.unattributed += 1
                continue
            }
            guard let submissionID, let entry = pending[submissionID] else {
                settlement.unattributed += 1
                continue
            }
            let header = try Envelope.decode(json: entry.envelopeJSON).header
            switch Push.settlement(of: answer, for: header, hubSigningKey: identity.hubKeys.signingKey) {
            case .delivered(let receipt):
                try outbox.markDelivered(entry.sequence, receiptJSON: receipt.jsonBytes(), at: now)
                settlement.delivered += 1
            case .rejected(let code, let detail, let receipt):
                try outbox.markRejected(entry.sequence, reasonCode: code, detail: detail, receiptJSON: receipt.jsonBytes(), at: now)
                settlement.rejected += 1
            case .retry:
                settlement.unattributed += 1
            }
        }
        return settlement
    }
}
