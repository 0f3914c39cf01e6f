import LLNCProtocol
import LLNCTestSupport
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The store re-checks inside its transaction what the ingest checked before it: a site
/// revoked between the checks and the write gets nothing stored.
@Suite(.timeLimit(.minutes(10)))
struct StoreRaceTests {
    /// A store whose site is revoked by "another request" just before each submission write.
    struct RevokedMeanwhile: HubStore {
        let inner: any HubStorage

        func store(_ submission: AcceptedSubmission) async throws -> StoreOutcome {
            _ = try await inner.revoke(laNumber: submission.header.site.laNumber, at: submission.receivedAt)
            return try await inner.store(submission)
        }

        func site(laNumber: String) async throws -> SiteRecord? { try await inner.site(laNumber: laNumber) }
        func sites() async throws -> [SiteRecord] { try await inner.sites() }
        func addToken(_ token: StoredToken, at now: Int64) async throws { try await inner.addToken(token, at: now) }
        func enrol(site: SiteID, signingKey: [UInt8], tokenHash: [UInt8], at now: Int64) async throws(EnrolmentError) {
            try await inner.enrol(site: site, signingKey: signingKey, tokenHash: tokenHash, at: now)
        }
        func revoke(laNumber: String, at now: Int64) async throws -> Bool { try await inner.revoke(laNumber: laNumber, at: now) }
        func rotateKey(laNumber: String, oldKeyID: KeyID, newSigningKey: [UInt8], at now: Int64) async throws -> Bool {
            try await inner.rotateKey(laNumber: laNumber, oldKeyID: oldKeyID, newSigningKey: newSigningKey, at: now)
        }
        func replayFacts(laNumber: String, submissionID: String) async throws -> ReplayFacts {
            try await inner.replayFacts(laNumber: laNumber, submissionID: submissionID)
        }
        func receipt(submissionID: String) async throws -> [UInt8]? { try await inner.receipt(submissionID: submissionID) }
        func logRejection(laNumber: String?, submissionID: String?, code: String, at now: Int64) async throws {
            try await inner.logRejection(laNumber: laNumber, submissionID: submissionID, code: code, at: now)
        }
        func countUnauthenticatedRefusal(code: String, at now: Int64) async throws {
            try await inner.countUnauthenticatedRefusal(code: code, at: now)
        }
        func unauthenticatedRefusals() async throws -> [UnauthenticatedRefusals] { try await inner.unauthenticatedRefusals() }
        func events() async throws -> [HubEvent] { try await inner.events() }
        func acceptedSubmissions(after: Int64, limit: Int) async throws -> [HubEvent] {
            try await inner.acceptedSubmissions(after: after, limit: limit)
        }
        func counts() async throws -> HubCounts { try await inner.counts() }
        func currentCells(laNumber: String) async throws -> [StoredCell] { try await inner.currentCells(laNumber: laNumber) }
    }

    @Test(arguments: StoreKind.underTest)
    func aSiteRevokedBetweenTheChecksAndTheWriteGetsNothingStored(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            let ingest = SubmissionIngest(
                store: RevokedMeanwhile(inner: hub.store), identity: HubFixture.identity,
                rules: HubRules(acceptedCatalogues: [TestCatalogue.terms]), logger: hub.logger, clock: hub.clock)
            let answer = try await ingest.ingest(HubFixture.envelope().jsonBytes())
            #expect(answer.code == "site-revoked")
            #expect(answer.receipt == nil)
            let counts = try await hub.store.counts()
            #expect(counts.submissions == 0 && counts.cells == 0)
        }
    }
}
