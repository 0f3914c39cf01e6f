import LLNCProtocol

/// Whether a checked envelope may be stored: the site is enrolled, active and signing with
/// its current key (SPEC.md §6 step 4), and the replay rule lets it in (§7). Pure, and the
/// only place these outcomes are decided: the ingest asks it before opening the seal (the
/// early answer) and each store asks it again inside its write transaction, with facts read
/// in that transaction, because a revocation, a re-keying or the same push to a second hub
/// process may have landed in between. Stores read facts and write; they decide nothing.
public enum SubmissionAdmission {
    /// What a store knows about the site and the submission id, read in one transaction.
    public struct Facts: Hashable, Sendable {
        public var site: Standing?
        /// The submission stored under the envelope's id before, if any (any site's).
        public var earlier: Earlier?
        public var highestAcceptedSequence: UInt64

        public init(site: Standing?, earlier: Earlier?, highestAcceptedSequence: UInt64) {
            self.site = site
            self.earlier = earlier
            self.highestAcceptedSequence = highestAcceptedSequence
        }
    }

    /// A site as the register holds it.
    public struct Standing: Hashable, Sendable {
        public var status: SiteRecord.Status
        public var keyID: String

        public init(status: SiteRecord.Status, keyID: String) {
            self.status = status
            self.keyID = keyID
        }
    }

    public struct Earlier: Hashable, Sendable {
        public var envelopeDigest: [UInt8]
        public var receiptJSON: [UInt8]

        public init(envelopeDigest: [UInt8], receiptJSON: [UInt8]) {
            self.envelopeDigest = envelopeDigest
            self.receiptJSON = receiptJSON
        }
    }

    public enum Decision: Equatable, Sendable {
        case store
        /// The same envelope was stored before: answer with its receipt, store nothing.
        case alreadyStored(receiptJSON: [UInt8])
        case refuse(HubRejection)
    }

    public static func decide(_ header: EnvelopeHeader, facts: Facts) -> Decision {
        do throws(HubRejection) {
            try checkSigner(facts.site, keyID: header.siteKeyID, laNumber: header.site.laNumber)
        } catch {
            return .refuse(error)
        }
        let history = ReplayRule.SiteHistory(highestAcceptedSequence: facts.highestAcceptedSequence) { [earlier = facts.earlier] _ in
            earlier?.envelopeDigest
        }
        do {
            let replay = try ReplayRule.check(header, against: history)
            // `duplicate` means the stored digest matched, so there is an earlier submission.
            if replay == .duplicate, let earlier = facts.earlier { return .alreadyStored(receiptJSON: earlier.receiptJSON) }
            return .store
        } catch {
            return .refuse(.protocolError(error))
        }
    }

    /// Step 4: the site is enrolled, not revoked, and `keyID` is its current key.
    public static func checkSigner(_ site: Standing?, keyID: KeyID, laNumber: String) throws(HubRejection) {
        guard let site else { throw .protocolError(.unknownSigner(keyID: keyID.hex)) }
        guard site.status == .active else { throw .siteRevoked(laNumber: laNumber) }
        guard site.keyID == keyID.hex else { throw .protocolError(.unknownSigner(keyID: keyID.hex)) }
    }
}

extension SiteRecord {
    public var standing: SubmissionAdmission.Standing { .init(status: status, keyID: keyID.hex) }
}
