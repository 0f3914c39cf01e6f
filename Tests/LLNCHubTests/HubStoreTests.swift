import Foundation
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The specification every `HubStore` meets, run on each kind (`StoreKind.underTest`):
/// idempotent storage under concurrency, superseding, the replay facts, the append-only
/// event log and the constraints the database itself enforces. SubmissionIngestTests and
/// SiteRegisterTests run on every kind too.
@Suite(.timeLimit(.minutes(10)))
struct HubStoreTests {
    /// A signed-out page session stays refused until its cookie would have expired; then the
    /// row goes, so the table holds at most a working day of sign-outs.
    @Test(arguments: StoreKind.underTest)
    func aSignedOutSessionIsRememberedUntilItsCookieWouldExpire(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let store = under.store
            let (first, second) = (String(repeating: "a", count: 32), String(repeating: "b", count: 32))
            try await store.endSession(id: first, expiresAt: 100, at: 10)
            try await store.endSession(id: first, expiresAt: 100, at: 20)
            #expect(try await store.sessionEnded(id: first))
            #expect(try await !store.sessionEnded(id: second))
            try await store.endSession(id: second, expiresAt: 300, at: 100)
            #expect(try await !store.sessionEnded(id: first), "past its expiry the row is dropped")
            #expect(try await store.sessionEnded(id: second))
        }
    }

    @Test(arguments: StoreKind.underTest)
    func concurrentIdenticalSubmissionsAreStoredOnce(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            let wire = try HubFixture.envelope(cells: HubFixture.cells(count: 50)).jsonBytes()
            let ingest = hub.ingest
            let answers = try await withThrowingTaskGroup(of: SubmissionIngest.Answer.self) { group in
                for _ in 0..<8 { group.addTask { try await ingest.ingest(wire) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let accepted = answers.compactMap { if case .accepted(let r, _) = $0 { r } else { nil } }
            let duplicates = answers.compactMap { if case .duplicate(let r) = $0 { r } else { nil } }
            #expect(accepted.count == 1 && duplicates.count == 7)
            #expect(duplicates.allSatisfy { $0 == accepted.first })
            let counts = try await hub.store.counts()
            #expect(counts.submissions == 1 && counts.cells == 50)
        }
    }

    /// `GET /v1/submissions` pages through accepted submissions in the database: refusals and
    /// enrolments are not listed, and a page starts after the last event id of the one before.
    @Test(arguments: StoreKind.underTest)
    func acceptedSubmissionsArePagedByEventID(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            for sequence in UInt64(1)...3 { _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: sequence).jsonBytes()) }
            _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: 7, cells: HubFixture.cells(count: 1, smallest: 3)).jsonBytes())
            let first = try await hub.store.acceptedSubmissions(after: 0, limit: 2)
            #expect(first.map(\.kind) == [.accepted, .accepted])
            let rest = try await hub.store.acceptedSubmissions(after: first.last!.id, limit: 2)
            let third = try HubFixture.envelope(sequence: 3).header.submissionID
            #expect(rest.count == 1 && rest[0].submissionID == third)
            #expect(try await hub.store.acceptedSubmissions(after: rest[0].id, limit: 2).isEmpty)
        }
    }

    /// Several sites pushing at once, each its own rising sequence: every submission lands,
    /// every cell is current exactly once, nothing is lost to a retried transaction.
    @Test(arguments: StoreKind.underTest)
    func concurrentSubmissionsFromSeveralSitesAllLand(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            let sites = try (0..<4).map { try SiteID(laNumber: String(360 + $0), onsCode: "E0800001\($0)") }
            let keys = try (0..<4).map { try SigningKeyPair(seed: [UInt8](repeating: UInt8(20 + $0), count: 32)) }
            for (site, key) in zip(sites, keys) { try await hub.enrol(site, key: key) }
            let ingest = hub.ingest
            let codes = try await withThrowingTaskGroup(of: [String?].self) { group in
                for (index, (site, key)) in zip(sites, keys).enumerated() {
                    group.addTask {
                        var codes: [String?] = []
                        for sequence in 1...5 as ClosedRange<UInt64> {
                            let id = String(format: "00000000-0000-4000-8%03d-%012d", index, Int(sequence))
                            let envelope = try HubFixture.envelope(
                                site: site, key: key, sequence: sequence, submissionID: id,
                                cells: HubFixture.cells(count: 6, smallest: 10 + 5 * Int(sequence)))
                            codes.append(try await ingest.ingest(envelope.jsonBytes()).code)
                        }
                        return codes
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(codes.count == 20 && codes.allSatisfy { $0 == nil })
            let counts = try await hub.store.counts()
            #expect(counts.submissions == 20 && counts.cells == 120)
            for site in sites {
                let current = try await hub.store.currentCells(laNumber: site.laNumber)
                #expect(current.count == 6 && current.allSatisfy { $0.vintage == 5 && $0.supersededBy == nil })
            }
        }
    }

    @Test(arguments: StoreKind.underTest)
    func theStoreSurvivesReopening(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            _ = try await hub.ingest.ingest(HubFixture.envelope().jsonBytes())
            let counts = try await under.store.counts()
            let receipt = try await under.store.receipt(submissionID: "00000000-0000-4000-8000-000000000001")
            try await under.reopen { (reopened: any HubStorage) async throws in
                #expect(try await reopened.counts() == counts)
                #expect(try await reopened.receipt(submissionID: "00000000-0000-4000-8000-000000000001") == receipt)
                #expect(receipt != nil)
            }
        }
    }

    /// What the replay rule reads: the highest accepted sequence and the digest stored under
    /// a submission id.
    @Test(arguments: StoreKind.underTest)
    func replayFactsComeFromAcceptedSubmissions(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            let none = try await hub.store.replayFacts(laNumber: "353", submissionID: "00000000-0000-4000-8000-000000000003")
            #expect(none == ReplayFacts(highestAcceptedSequence: 0, digestForSubmissionID: nil))
            let envelope = try HubFixture.envelope(sequence: 3)
            _ = try await hub.ingest.ingest(envelope.jsonBytes())
            let facts = try await hub.store.replayFacts(laNumber: "353", submissionID: envelope.header.submissionID)
            #expect(facts == ReplayFacts(highestAcceptedSequence: 3, digestForSubmissionID: envelope.header.digest))
            #expect(try await hub.store.receipt(submissionID: "00000000-0000-4000-8000-000000000009") == nil)
        }
    }

    /// The store itself refuses a stale write: a lower sequence, or an id stored with
    /// another envelope, even when handed over as if every check had passed.
    @Test(arguments: StoreKind.underTest)
    func theStoreRechecksSequenceAndSubmissionID(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            let second = try HubFixture.envelope(sequence: 2)
            _ = try await hub.ingest.ingest(second.jsonBytes())
            func accepted(_ envelope: Envelope) -> AcceptedSubmission {
                AcceptedSubmission(header: envelope.header, cells: HubFixture.cells(), receivedAt: HubFixture.now, receiptJSON: [1])
            }
            let lower = try HubFixture.envelope(sequence: 1)
            #expect(try await hub.store.store(accepted(lower)) == .refused(.protocolError(.sequenceRegressed(got: 1, highestAccepted: 2))))
            let reused = try HubFixture.envelope(sequence: 3, submissionID: second.header.submissionID)
            #expect(
                try await hub.store.store(accepted(reused))
                    == .refused(.protocolError(.submissionIDReused(submissionID: second.header.submissionID))))
            #expect(try await hub.store.counts().submissions == 1)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func enrolmentRevocationAndRotationAreLogged(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            #expect(
                try await hub.store.rotateKey(
                    laNumber: "353", oldKeyID: HubFixture.otherKey.keyID, newSigningKey: HubFixture.otherKey.publicKey, at: HubFixture.now) == false)
            #expect(
                try await hub.store.rotateKey(
                    laNumber: "353", oldKeyID: HubFixture.siteKey.keyID, newSigningKey: HubFixture.otherKey.publicKey, at: HubFixture.now))
            #expect(try await hub.store.revoke(laNumber: "353", at: HubFixture.now))
            #expect(try await hub.store.revoke(laNumber: "353", at: HubFixture.now) == false)
            try await hub.store.logRejection(laNumber: "353", submissionID: nil, code: "site-revoked", at: HubFixture.now)
            let events = try await hub.store.events()
            #expect(events.map(\.kind) == [.tokenIssued, .enrolled, .keyRotated, .revoked, .rejected])
            #expect(events.last?.code == "site-revoked" && events.allSatisfy { $0.laNumber == "353" })
            #expect(zip(events, events.dropFirst()).allSatisfy { $0.id < $1.id })
            let sites = try await hub.store.sites()
            #expect(sites.map(\.laNumber) == ["353"] && sites.first?.status == .revoked && sites.first?.keyID == HubFixture.otherKey.keyID)
            let counts = try await hub.store.counts()
            #expect(counts.sites == 1 && counts.activeSites == 0 && counts.tokens == 1 && counts.usedTokens == 1 && counts.events == 5)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func theEventLogIsAppendOnly(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            for sql in ["UPDATE hub_event SET code = 'x'", "DELETE FROM hub_event"] {
                let error = await #expect(throws: (any Error).self) { try await under.execute(sql) }
                #expect(String(reflecting: error as Any).contains("append-only"))
            }
            if kind == .postgres {
                await #expect(throws: (any Error).self) { try await under.execute("TRUNCATE hub_event") }
            }
            #expect(try await hub.store.events().map(\.kind) == [.tokenIssued, .enrolled])
        }
    }

    @Test(arguments: StoreKind.underTest)
    func onlyOneCurrentCellPerSiteAndKey(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            _ = try await hub.ingest.ingest(HubFixture.envelope().jsonBytes())
            let columns = """
                submission_id, la_number, cell_key, vintage, indicator, definition_version, period, breakdown, unit, status, \
                value, symbol, reason, numerator, denominator, superseded_by
                """
            await #expect(throws: (any Error).self) {
                try await under.execute("INSERT INTO cell (\(columns)) SELECT \(columns) FROM cell LIMIT 1")
            }
            #expect(try await hub.store.counts().cells == 4)
        }
    }

    /// API tokens (hash only) and the query log, on every kind; the log only grows.
    @Test(arguments: StoreKind.underTest)
    func accessTokensAndTheQueryLog(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let store = under.store
            let token = AccessTokenRecord(
                id: "0123456789abcdef", name: "ops team", role: .operator, secretHash: [UInt8](repeating: 5, count: 32),
                createdAt: HubFixture.now)
            try await store.addAccessToken(token)
            await #expect(throws: (any Error).self) { try await store.addAccessToken(token) }
            #expect(try await store.accessToken(secretHash: token.secretHash) == token)
            #expect(try await store.accessToken(secretHash: [UInt8](repeating: 6, count: 32)) == nil)
            #expect(try await store.revokeAccessToken(id: token.id, at: HubFixture.now + 1))
            #expect(try await store.revokeAccessToken(id: token.id, at: HubFixture.now + 2) == false)
            #expect(try await store.accessTokens().map(\.revokedAt) == [HubFixture.now + 1])
            let entries = [
                QueryLogEntry(caller: token.id, route: "GET /v1/releases", status: 200, at: HubFixture.now),
                QueryLogEntry(caller: "public", route: "GET /v1/comparisons/{indicator}", status: 404, at: HubFixture.now + 1),
            ]
            for entry in entries { try await store.logQuery(entry) }
            #expect(try await store.queryLog() == entries)
            for sql in ["UPDATE query_log SET status = 200", "DELETE FROM query_log"] {
                let error = await #expect(throws: (any Error).self) { try await under.execute(sql) }
                #expect(String(reflecting: error as Any).contains("append-only"))
            }
        }
    }
}
