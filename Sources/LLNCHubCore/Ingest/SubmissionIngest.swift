import Foundation
import LLNCProtocol
import Logging

/// Takes an envelope's bytes and answers with a receipt or a refusal: every check of
/// SPEC.md §6 in order, then the hub's rules, then one store transaction. HTTP and bundle
/// import both call this, so an envelope gets the same answer whichever way it arrived.
public struct SubmissionIngest: Sendable {
    public let store: any HubStore
    public let identity: HubIdentity
    public let rules: HubRules
    /// The hub's clock in Unix seconds; tests pass a fixed one.
    public let clock: @Sendable () -> Int64
    public let logger: Logger

    public init(
        store: any HubStore, identity: HubIdentity, rules: HubRules, logger: Logger,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.store = store
        self.identity = identity
        self.rules = rules
        self.logger = logger
        self.clock = clock
    }

    public enum Answer: Equatable, Sendable {
        /// Stored now; the receipt's bytes.
        case accepted(receiptJSON: [UInt8], cells: Int)
        /// Stored before: the original receipt, byte for byte (SPEC.md §5.3).
        case duplicate(receiptJSON: [UInt8])
        /// Refused and nothing stored; `receipt` is signed when the site was authenticated.
        case refused(HubRejection, receipt: Receipt?)

        /// The RFC 9457 body for a refusal, or the receipt bytes otherwise.
        public var body: [UInt8] {
            switch self {
            case .accepted(let receipt, _), .duplicate(let receipt): receipt
            case .refused(let rejection, let receipt): rejection.problem(receipt: receipt).jsonBytes()
            }
        }
    }

    /// Store failures (the database is unavailable) are thrown: they are the hub's fault, and
    /// the node retries them.
    public func ingest(_ json: [UInt8]) async throws -> Answer {
        let now = clock()
        let claimed = ClaimedIdentity(json)
        var site: SiteRecord?
        var facts: ReplayFacts?
        if let claimed {
            site = try await store.site(laNumber: claimed.laNumber)
            facts = try await store.replayFacts(laNumber: claimed.laNumber, submissionID: claimed.submissionID)
        }
        var authenticatedSite = false
        var revoked = false
        let outcome: SubmissionCheck.Outcome
        do {
            outcome = try SubmissionCheck.run(
                json: json,
                siteKey: { (siteID: SiteID, keyID: KeyID) throws(ProtocolError) -> [UInt8] in
                    let known = site.flatMap { $0.laNumber == siteID.laNumber ? $0 : nil }
                    do throws(HubRejection) {
                        try SubmissionAdmission.checkSigner(known?.standing, keyID: keyID, laNumber: siteID.laNumber)
                    } catch {
                        // A revoked site is told so (a hub rule) once the checks have run.
                        if case .siteRevoked = error { revoked = true }
                        throw .unknownSigner(keyID: keyID.hex)
                    }
                    guard let known else { throw .unknownSigner(keyID: keyID.hex) } // refused just above
                    authenticatedSite = true
                    return known.signingKey
                },
                hubKey: identity.sealing,
                history: { [facts] _ in Self.history(facts, claimed) },
                now: now)
        } catch {
            // The key lookup succeeding is not yet authentication: the signature and digest
            // checks come right after it and fail with these codes.
            let authenticated = authenticatedSite && ![ProtocolError.signatureInvalid, .ciphertextTampered].contains(error)
            let rejection: HubRejection = revoked ? .siteRevoked(laNumber: site?.laNumber ?? "") : .protocolError(error)
            return try await refuse(rejection, json: authenticated ? json : nil, claimed: claimed, now: now)
        }
        switch outcome {
        case .duplicate(let envelope):
            guard let receipt = try await store.receipt(submissionID: envelope.header.submissionID) else {
                throw HubStoreInconsistency.missingReceipt(submissionID: envelope.header.submissionID)
            }
            logger.info("duplicate submission", metadata: Self.metadata(envelope.header))
            return .duplicate(receiptJSON: receipt)
        case .fresh(let envelope, let payload):
            do throws(HubRejection) {
                try rules.check(payload)
            } catch {
                return try await refuse(error, json: json, claimed: claimed, now: now)
            }
            return try await accept(envelope.header, payload: payload, json: json, claimed: claimed, now: now)
        }
    }

    private func accept(
        _ header: EnvelopeHeader, payload: Payload, json: [UInt8], claimed: ClaimedIdentity?, now: Int64
    ) async throws -> Answer {
        let receipt = Receipt.sign(
            for: header, outcome: .accepted, receivedAt: Timestamp.format(now), cellsStored: UInt32(payload.cells.count),
            hubSigningKey: identity.signing)
        let receiptJSON = receipt.jsonBytes()
        let submission = AcceptedSubmission(header: header, cells: payload.cells, receivedAt: now, receiptJSON: receiptJSON)
        switch try await store.store(submission) {
        case .stored:
            logger.info("accepted submission", metadata: Self.metadata(header).merging(["llnc.cells": "\(payload.cells.count)"]) { $1 })
            return .accepted(receiptJSON: receiptJSON, cells: payload.cells.count)
        case .alreadyStored(let original):
            logger.info("duplicate submission (concurrent)", metadata: Self.metadata(header))
            return .duplicate(receiptJSON: original)
        case .refused(let rejection):
            // Revoked or re-keyed since the checks ran: answered as step 4 would now answer,
            // with a plain problem; a replay refusal keeps its signed receipt.
            let stillAuthenticated: Bool =
                switch rejection {
                case .siteRevoked, .protocolError(.unknownSigner): false
                default: true
                }
            return try await refuse(rejection, json: stillAuthenticated ? json : nil, claimed: claimed, now: now)
        }
    }

    /// Records the refusal (the only thing a refusal stores) and signs a `rejected` receipt
    /// when `json` is given, i.e. when the site was authenticated. Only then is it the named
    /// site's event; an unauthenticated refusal (a forged signature naming site 353, say) is
    /// counted by day and code, so it neither grows the permanent log nor blames the site.
    private func refuse(_ rejection: HubRejection, json: [UInt8]?, claimed: ClaimedIdentity?, now: Int64) async throws -> Answer {
        if json != nil {
            try await store.logRejection(
                laNumber: claimed?.laNumber, submissionID: claimed?.submissionID, code: rejection.code, at: now)
        } else {
            try await store.countUnauthenticatedRefusal(code: rejection.code, at: now)
        }
        logger.notice(
            "refused submission",
            metadata: [
                "llnc.code": "\(rejection.code)", "llnc.site": "\(claimed?.laNumber ?? "?")",
                "llnc.submission": "\(claimed?.submissionID ?? "?")",
            ])
        guard let json, let header = try? Envelope.decode(json: json).header else { return .refused(rejection, receipt: nil) }
        let receipt = Receipt.sign(
            for: header, outcome: .rejected, reasonCode: rejection.code, receivedAt: Timestamp.format(now), cellsStored: 0,
            hubSigningKey: identity.signing)
        return .refused(rejection, receipt: receipt)
    }

    private static func history(_ facts: ReplayFacts?, _ claimed: ClaimedIdentity?) -> ReplayRule.SiteHistory {
        guard let facts, let claimed else { return .none }
        let id = claimed.submissionID
        let digest = facts.digestForSubmissionID
        return ReplayRule.SiteHistory(highestAcceptedSequence: facts.highestAcceptedSequence) { $0 == id ? digest : nil }
    }

    static func metadata(_ header: EnvelopeHeader) -> Logger.Metadata {
        ["llnc.site": "\(header.site.laNumber)", "llnc.submission": "\(header.submissionID)", "llnc.sequence": "\(header.sequence)"]
    }
}

/// A submission built without the header checks (only code, never a node, makes one).
public enum StoreInvariant: Error, CustomStringConvertible {
    case sequenceBeyondLimit(UInt64)

    public var description: String {
        switch self {
        case .sequenceBeyondLimit(let sequence): "sequence \(sequence) is above 2^63-1: the header was not validated (SPEC.md §4.1)"
        }
    }
}

/// A stored submission without its receipt: the store was edited outside the hub.
public enum HubStoreInconsistency: Error, CustomStringConvertible {
    case missingReceipt(submissionID: String)

    public var description: String {
        switch self {
        case .missingReceipt(let id):
            "submission \(id) is stored without its receipt; the hub store was changed outside llnc-hub: restore it from backup"
        }
    }
}
