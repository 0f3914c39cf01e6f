import GRDB
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// Every outcome of the one enrolment rule both stores ask, and what a node is told when the
/// store, not the token, is at fault.
@Suite(.timeLimit(.minutes(10)))
struct EnrolmentRuleTests {
    static let now: Int64 = 1_000_000
    static func token(la: String = "353", expiresAt: Int64 = now + 60, usedAt: Int64? = nil) -> EnrolmentRule.Token {
        .init(laNumber: la, expiresAt: expiresAt, usedAt: usedAt)
    }

    @Test(
        arguments: [
            ("a fresh token for this site", token(), nil),
            ("a token this hub never issued", nil, "the token is not one this hub issued"),
            ("a token used before", token(usedAt: now - 5), "the token was used before"),
            ("an expired token", token(expiresAt: now - 1), "the token has expired"),
            ("a token expiring this second", token(expiresAt: now), "the token has expired"),
            ("a token for another site", token(la: "354"), "the token was issued for another site"),
        ] as [(String, EnrolmentRule.Token?, String?)])
    func theTokenDecidesTheEnrolment(_ what: String, token: EnrolmentRule.Token?, refusal: String?) {
        do {
            try EnrolmentRule.check(token, laNumber: "353", now: Self.now)
            #expect(refusal == nil, "\(what) was admitted")
        } catch {
            #expect(error == .refused(reason: refusal ?? ""), "\(what)")
        }
    }

    /// The bug this replaces: a store failure answered 403 `enrolment-token-invalid`, not
    /// retryable, while its text said "try again". The token is not used up.
    @Test func aStoreFailureDuringEnrolmentIsARetryable503AndTheTokenStillWorks() async throws {
        let store = try SQLiteHubStore.inMemory()
        let hub = try HubFixture(store: store)
        let token = try await hub.register.invite(laNumber: HubFixture.oldham.laNumber)
        try await store.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER broken BEFORE INSERT ON site BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
        }
        let request = EnrolmentRequest.make(site: HubFixture.oldham, token: token, siteKey: HubFixture.siteKey).jsonBytes()
        do {
            _ = try await hub.register.enrol(json: request)
            Issue.record("enrolled through a failing store")
        } catch {
            #expect(error == .storeUnavailable(during: "the enrolment"))
            let problem = error.problem()
            #expect(problem.status == 503 && problem.retryable && problem.code == "store-unavailable")
        }
        try await store.writer.write { db in try db.execute(sql: "DROP TRIGGER broken") }
        _ = try await hub.register.enrol(json: request)
        #expect(try await store.site(laNumber: "353")?.status == .active)
    }
}
