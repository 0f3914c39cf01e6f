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
        /// Answers that name no envelope of this node (a problem before the hub could
        /// authenticate it); those envelopes stay pending.
        public var unattributed = 0

        public init(delivered: Int = 0, rejected: Int = 0, unattributed: Int = 0) {
            self.delivered = delivered
            self.rejected = rejected
            self.unattributed = unattributed
        }
    }

    /// Settles pending envelopes from an answers file: a receipt (accepted or duplicate) or a
    /// problem carrying a signed `rejected` receipt, matched by submission id. Every receipt
    /// must verify with the pinned hub key and answer exactly the stored envelope.
    public static func settle(answers url: URL, outbox: Outbox, identity: SiteIdentity, now: Int64) throws -> Settlement {
        let pending = Dictionary(uniqueKeysWithValues: try outbox.pending().map { ($0.submissionID, $0) })
        var settlement = Settlement()
        let data = try Data(contentsOf: url)
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let bytes = [UInt8](line)
            if let receipt = try? Receipt.decode(json: bytes) {
                guard let entry = pending[receipt.submissionID] else { settlement.unattributed += 1; continue }
                try receipt.verify(hubSigningKey: identity.hubKeys.signingKey, for: Envelope.decode(json: entry.envelopeJSON).header)
                try outbox.markDelivered(entry.sequence, receiptJSON: bytes, at: now)
                settlement.delivered += 1
            } else if let answer = try? JSONDecoder().decode(RefusalAnswer.self, from: Data(bytes)), let receipt = answer.receipt,
                      let entry = pending[receipt.submissionID] {
                try receipt.verify(hubSigningKey: identity.hubKeys.signingKey, for: Envelope.decode(json: entry.envelopeJSON).header)
                try outbox.markRejected(entry.sequence, reasonCode: answer.code, detail: answer.detail, receiptJSON: receipt.jsonBytes(), at: now)
                settlement.rejected += 1
            } else {
                settlement.unattributed += 1
            }
        }
        return settlement
    }

    private struct RefusalAnswer: Decodable {
        let code: String
        let detail: String
        let receipt: Receipt?
    }
}
