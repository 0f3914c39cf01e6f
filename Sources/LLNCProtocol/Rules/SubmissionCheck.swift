/// Every protocol check on an incoming envelope, in the order SPEC.md §6 fixes, so a given
/// fault always produces the same error whichever implementation finds it. The hub runs
/// this with lookups into its store; tests and golden vectors run it with dictionaries.
public enum SubmissionCheck {
    public enum Outcome: Sendable {
        /// A new submission, opened and validated.
        case fresh(Envelope, Payload)
        /// The same envelope as one accepted before: answer with the stored receipt.
        case duplicate(Envelope)
    }

    /// - Parameters:
    ///   - siteKey: the current signing key the hub has for a site and key id; throws
    ///     `unknownSigner` (or the hub's own revocation error) when there is none.
    ///   - history: what the hub has accepted from the site before.
    ///   - now: the hub's clock, Unix seconds.
    public static func run(
        json: [UInt8],
        siteKey: (SiteID, KeyID) throws(ProtocolError) -> [UInt8],
        hubKey: SealingKeyPair,
        history: (SiteID) -> ReplayRule.SiteHistory,
        now: Int64
    ) throws(ProtocolError) -> Outcome {
        let envelope = try Envelope.decode(json: json)
        let key = try siteKey(envelope.header.site, envelope.header.siteKeyID)
        try envelope.verifySignature(siteSigningKey: key)
        guard envelope.header.hubKeyID == hubKey.keyID else {
            throw .wrongHubKey(expected: hubKey.keyID.hex, got: envelope.header.hubKeyID.hex)
        }
        try ClockSkewRule.check(envelope.header, now: now)
        switch try ReplayRule.check(envelope.header, against: history(envelope.header.site)) {
        case .duplicate:
            return .duplicate(envelope)
        case .fresh:
            return .fresh(envelope, try envelope.open(with: hubKey))
        }
    }
}
