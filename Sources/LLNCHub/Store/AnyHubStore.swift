import LLNCProtocol

/// Whichever store the configuration chose, as one concrete type: the ingest, register and
/// server are generic over their store, and an `any HubStorage` cannot stand in for a
/// generic parameter. Forwards every method of `HubStore`, `AccessStore` and `ReleaseStore`
/// unchanged.
public struct AnyHubStore: HubStore, AccessStore, ReleaseStore {
    public let base: any HubStorage

    public init(_ base: any HubStorage) {
        self.base = base
    }

    public func site(laNumber: String) async throws -> SiteRecord? { try await base.site(laNumber: laNumber) }
    public func sites() async throws -> [SiteRecord] { try await base.sites() }
    public func addToken(_ token: StoredToken, at now: Int64) async throws { try await base.addToken(token, at: now) }
    public func enrol(site: SiteID, signingKey: [UInt8], tokenHash: [UInt8], at now: Int64) async throws(EnrolmentError) {
        try await base.enrol(site: site, signingKey: signingKey, tokenHash: tokenHash, at: now)
    }
    public func revoke(laNumber: String, at now: Int64) async throws -> Bool { try await base.revoke(laNumber: laNumber, at: now) }
    public func rotateKey(laNumber: String, oldKeyID: KeyID, newSigningKey: [UInt8], at now: Int64) async throws -> Bool {
        try await base.rotateKey(laNumber: laNumber, oldKeyID: oldKeyID, newSigningKey: newSigningKey, at: now)
    }
    public func replayFacts(laNumber: String, submissionID: String) async throws -> ReplayFacts {
        try await base.replayFacts(laNumber: laNumber, submissionID: submissionID)
    }
    public func receipt(submissionID: String) async throws -> [UInt8]? { try await base.receipt(submissionID: submissionID) }
    public func store(_ submission: AcceptedSubmission) async throws -> StoreOutcome { try await base.store(submission) }
    public func logRejection(laNumber: String?, submissionID: String?, code: String, at now: Int64) async throws {
        try await base.logRejection(laNumber: laNumber, submissionID: submissionID, code: code, at: now)
    }
    public func events() async throws -> [HubEvent] { try await base.events() }
    public func acceptedSubmissions(after: Int64, limit: Int) async throws -> [HubEvent] {
        try await base.acceptedSubmissions(after: after, limit: limit)
    }
    public func counts() async throws -> HubCounts { try await base.counts() }
    public func currentCells(laNumber: String) async throws -> [StoredCell] { try await base.currentCells(laNumber: laNumber) }
    public func checkReachable() async throws { try await base.checkReachable() }

    // MARK: AccessStore

    public func addAccessToken(_ token: AccessTokenRecord) async throws { try await base.addAccessToken(token) }
    public func accessToken(secretHash: [UInt8]) async throws -> AccessTokenRecord? { try await base.accessToken(secretHash: secretHash) }
    public func accessTokens() async throws -> [AccessTokenRecord] { try await base.accessTokens() }
    public func revokeAccessToken(id: String, at now: Int64) async throws -> Bool { try await base.revokeAccessToken(id: id, at: now) }
    public func logQuery(_ entry: QueryLogEntry) async throws { try await base.logQuery(entry) }
    public func queryLog() async throws -> [QueryLogEntry] { try await base.queryLog() }

    // MARK: ReleaseStore

    public func storeRelease(
        _ release: ReleaseRecord, documents: [ReleasedDocument], ledger: [LedgerLine], ledgerLength: Int
    ) async throws -> Bool {
        try await base.storeRelease(release, documents: documents, ledger: ledger, ledgerLength: ledgerLength)
    }
    public func releases() async throws -> [ReleaseRecord] { try await base.releases() }
    public func releasedDocument(releaseID: String, kind: ReleasedDocument.Kind, key: String) async throws -> [UInt8]? {
        try await base.releasedDocument(releaseID: releaseID, kind: kind, key: key)
    }
    public func releasedDocuments(releaseID: String, kind: ReleasedDocument.Kind) async throws -> [ReleasedDocument] {
        try await base.releasedDocuments(releaseID: releaseID, kind: kind)
    }
    public func ledger() async throws -> [LedgerLine] { try await base.ledger() }
}
