import LLNCProtocol

/// Everything the hub keeps: the site register, enrolment tokens, submissions with their
/// receipts, every cell with its vintage, and the append-only event log.
///
/// A protocol because the store is the one thing a deployment chooses: SQLite (one file,
/// `SQLiteHubStore`) by default, or PostgreSQL (`PostgresHubStore`) for several hub processes. Methods are `async` so a networked store
/// fits. Each write is one transaction that leaves the store consistent, and each re-checks
/// what it depends on (site still active, submission id still unused), so concurrent
/// requests cannot store a submission twice or for a revoked site.
public protocol HubStore: Sendable {
    // MARK: Sites and enrolment

    func site(laNumber: String) async throws -> SiteRecord?
    func sites() async throws -> [SiteRecord]
    /// Keeps the hash of a new token's secret (never the secret).
    func addToken(_ token: StoredToken, at now: Int64) async throws
    /// Checks the token (known, unused, unexpired, for this site), records `signingKey` as
    /// the site's current key (re-admitting a revoked site), marks the token used and logs
    /// the enrolment, all in one transaction.
    func enrol(site: SiteID, signingKey: [UInt8], tokenHash: [UInt8], at now: Int64) async throws(EnrolmentError)
    /// Marks the site revoked and logs it; `false` when no such site is enrolled and active.
    func revoke(laNumber: String, at now: Int64) async throws -> Bool
    /// Replaces the site's current key with a rotation's new key if `oldKeyID` is still the
    /// current one, and logs it.
    func rotateKey(laNumber: String, oldKeyID: KeyID, newSigningKey: [UInt8], at now: Int64) async throws -> Bool

    // MARK: Submissions

    /// What the replay rule needs for one site and one submission id.
    func replayFacts(laNumber: String, submissionID: String) async throws -> ReplayFacts
    /// The receipt bytes stored with an accepted submission.
    func receipt(submissionID: String) async throws -> [UInt8]?
    /// Stores an accepted submission, its cells (superseding the site's earlier vintage of
    /// each) and its receipt, and logs it; or says why it did not.
    func store(_ submission: AcceptedSubmission) async throws -> StoreOutcome
    /// Appends a refusal to the event log; nothing else changes. Only for a request that
    /// authenticated: the site it names is the site that sent it.
    func logRejection(laNumber: String?, submissionID: String?, code: String, at now: Int64) async throws
    /// Counts a refusal of a request that did not authenticate, by UTC day and code. What such
    /// a request names (a site, a submission id) is not known to be true, so it is no site's
    /// event, and a flood of them adds at most one row per code a day (kept 400 days).
    func countUnauthenticatedRefusal(code: String, at now: Int64) async throws
    /// Those counts, oldest day first.
    func unauthenticatedRefusals() async throws -> [UnauthenticatedRefusals]

    // MARK: Reading back

    func events() async throws -> [HubEvent]
    /// Accepted-submission events with an id above `after`, oldest first, at most `limit`:
    /// one page of `GET /v1/submissions`, read by the database, not filtered in memory.
    func acceptedSubmissions(after: Int64, limit: Int) async throws -> [HubEvent]
    func counts() async throws -> HubCounts
    /// Current (not superseded) cells of a site, for checks and exports.
    func currentCells(laNumber: String) async throws -> [StoredCell]

    // MARK: Operations

    /// Throws unless the store answers a query now; `/readyz` asks this. Cheap: no table scan.
    func checkReachable() async throws
}

extension HubStore {
    /// A lookup by primary key: reaches the database without scanning anything.
    public func checkReachable() async throws {
        _ = try await site(laNumber: "000")
    }
}

/// Every store the server reads and writes: the site protocol's, the query API's tokens
/// and log, and the releases with their ledger.
public typealias HubStorage = HubStore & AccessStore & ReleaseStore
