/// The replay rule (SPEC.md §7): a submission id is accepted once; the same envelope again
/// is a duplicate (answered with the original receipt); anything else at or below the
/// highest accepted sequence is refused. Pure: the hub supplies what it has stored.
public enum ReplayRule {
    /// What the hub knows about one site's accepted submissions.
    public struct SiteHistory: Sendable {
        public var highestAcceptedSequence: UInt64
        /// The header digest stored for a submission id, if that id was accepted before.
        public var acceptedDigest: @Sendable (String) -> [UInt8]?

        public init(highestAcceptedSequence: UInt64, acceptedDigest: @escaping @Sendable (String) -> [UInt8]?) {
            self.highestAcceptedSequence = highestAcceptedSequence
            self.acceptedDigest = acceptedDigest
        }

        public static let none = SiteHistory(highestAcceptedSequence: 0) { _ in nil }
    }

    public enum Decision: Equatable, Sendable {
        case fresh
        case duplicate
    }

    public static func check(_ header: EnvelopeHeader, against history: SiteHistory) throws(ProtocolError) -> Decision {
        if let stored = history.acceptedDigest(header.submissionID) {
            guard Sodium.constantTimeEqual(stored, header.digest) else {
                throw .submissionIDReused(submissionID: header.submissionID)
            }
            return .duplicate
        }
        guard header.sequence > history.highestAcceptedSequence else {
            throw .sequenceRegressed(got: header.sequence, highestAccepted: history.highestAcceptedSequence)
        }
        return .fresh
    }
}

/// The clock-skew rule: `created_at` may be at most `Limits.clockSkewAllowance` seconds
/// ahead of the hub's clock. There is no lower bound: an offline site's bundle may be weeks
/// old, and the replay rule, not the clock, stops replays.
public enum ClockSkewRule {
    public static func check(_ header: EnvelopeHeader, now: Int64) throws(ProtocolError) {
        guard let created = Timestamp.parse(header.createdAt) else {
            throw .malformed(field: "header.created_at", reason: "must be UTC RFC 3339 with whole seconds")
        }
        let ahead = created - now
        if ahead > Limits.clockSkewAllowance {
            throw .clockSkew(secondsAhead: ahead, allowance: Limits.clockSkewAllowance)
        }
    }
}
