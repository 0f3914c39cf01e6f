import Foundation
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

@Suite(.timeLimit(.minutes(10)))
struct SubmissionIngestTests {
    @Test(arguments: StoreKind.underTest)
    func anEnrolledSitesEnvelopeIsStoredAndReceipted(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            let keys = try await hub.enrol()
            let envelope = try HubFixture.envelope(cells: HubFixture.cells(count: 6))
            let answer = try await hub.ingest.ingest(envelope.jsonBytes())
            guard case .accepted(let json, let cells) = answer else {
                Issue.record("not accepted: \(answer)")
                return
            }
            #expect(cells == 6)
            let receipt = try Receipt.decode(json: json)
            try receipt.verify(hubSigningKey: keys.signingKey, for: envelope.header)
            #expect(receipt.outcome == .accepted && receipt.cellsStored == 6 && receipt.receivedAt == "2025-05-01T09:31:00Z")
            let counts = try await hub.store.counts()
            #expect(counts.submissions == 1 && counts.cells == 6)
            #expect(try await hub.store.events().last?.kind == .accepted)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func aRepeatedEnvelopeIsADuplicateWithTheOriginalReceiptByteForByte(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            var hub = try HubFixture(store: under.store)
            try await hub.enrol()
            let wire = try HubFixture.envelope().jsonBytes()
            guard case .accepted(let original, _) = try await hub.ingest.ingest(wire) else {
                Issue.record("not accepted")
                return
            }
            hub.clock = { HubFixture.now + 3600 }
            let before = try await hub.store.counts()
            let again = try await hub.ingest.ingest(wire)
            #expect(again == .duplicate(receiptJSON: original))
            #expect(try await hub.store.counts() == before)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func aRevisionSupersedesTheEarlierVintageButKeepsIt(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: 1, cells: HubFixture.cells(count: 3, smallest: 10)).jsonBytes())
            _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: 2, cells: HubFixture.cells(count: 2, smallest: 20)).jsonBytes())
            let current = try await hub.store.currentCells(laNumber: "353")
            #expect(try await hub.store.counts().cells == 5)
            #expect(current.count == 3)
            let byBand = Dictionary(uniqueKeysWithValues: current.map { ($0.cell.breakdown["age_band"]!, $0) })
            #expect(byBand["band_0"]?.cell.value == "20" && byBand["band_0"]?.vintage == 2)
            #expect(byBand["band_1"]?.cell.value == "25" && byBand["band_1"]?.vintage == 2)
            #expect(byBand["band_2"]?.cell.value == "20" && byBand["band_2"]?.vintage == 1)
        }
    }

    /// Each refusal answers its code, signs a `rejected` receipt exactly when the site was
    /// authenticated, and changes nothing but one record of it: a `rejected` entry in the
    /// named site's event log when the site authenticated, else one more in the day's count
    /// of unauthenticated refusals with that code (what it names is not known to be true).
    @Test(arguments: StoreKind.underTest, RefusalCase.all)
    func eachRefusalHasItsCodeAndLeavesTheStoreUnchanged(_ kind: StoreKind, _ refusal: RefusalCase) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            try await hub.enrol(HubFixture.rochdale, key: HubFixture.otherKey)
            _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: 5).jsonBytes())
            try await refusal.setUp(hub)
            let before = try await hub.store.counts()

            let answer = try await hub.ingest.ingest(refusal.wire())

            #expect(answer.code == refusal.code)
            #expect((answer.receipt != nil) == refusal.authenticated)
            if let receipt = answer.receipt {
                #expect(receipt.outcome == .rejected && receipt.reasonCode == refusal.code && receipt.cellsStored == 0)
                #expect(
                    SigningKeyPair.verify(
                        signature: receipt.signature, message: receipt.canonicalBytes, publicKey: HubFixture.identity.signing.publicKey))
            }
            var after = try await hub.store.counts()
            let counted = try await hub.store.unauthenticatedRefusals()
            if refusal.authenticated {
                #expect(after.events == before.events + 1)
                let last = try #require(try await hub.store.events().last)
                #expect(last.kind == .rejected && last.code == refusal.code)
                #expect(counted.isEmpty)
            } else {
                #expect(after.events == before.events, "no site's event for a request that did not authenticate")
                #expect(counted == [UnauthenticatedRefusals(day: "2025-05-01", code: refusal.code, count: 1)])
            }
            after.events = before.events
            #expect(after == before)
        }
    }
}

struct RefusalCase: Sendable, CustomTestStringConvertible {
    let name: String
    let code: String
    let authenticated: Bool
    var setUp: @Sendable (HubFixture) async throws -> Void = { _ in }
    let wire: @Sendable () throws -> [UInt8]

    var testDescription: String { name }

    static let all: [RefusalCase] = [
        RefusalCase(name: "tampered header", code: "signature-invalid", authenticated: false) {
            var envelope = try HubFixture.envelope(sequence: 6)
            envelope.header.createdAt = "2025-05-01T09:29:00Z"
            return envelope.jsonBytes()
        },
        RefusalCase(name: "tampered ciphertext", code: "ciphertext-tampered", authenticated: false) {
            var envelope = try HubFixture.envelope(sequence: 6)
            envelope.ciphertext[40] ^= 1
            return envelope.jsonBytes()
        },
        RefusalCase(name: "replayed sequence", code: "sequence-regressed", authenticated: true) {
            try HubFixture.envelope(sequence: 5, submissionID: "00000000-0000-4000-8000-0000000000ff").jsonBytes()
        },
        RefusalCase(name: "submission id reused", code: "submission-id-reused", authenticated: true) {
            try HubFixture.envelope(sequence: 5, cells: HubFixture.cells(count: 2)).jsonBytes()
        },
        RefusalCase(name: "unknown site", code: "unknown-signer", authenticated: false) {
            try HubFixture.envelope(site: try SiteID(laNumber: "355", onsCode: "E08000006"), sequence: 6).jsonBytes()
        },
        RefusalCase(name: "key not the site's", code: "unknown-signer", authenticated: false) {
            try HubFixture.envelope(key: HubFixture.otherKey, sequence: 6).jsonBytes()
        },
        RefusalCase(
            name: "revoked site", code: "site-revoked", authenticated: false,
            setUp: { hub in try await hub.register.revoke(laNumber: "353") },
            wire: { try HubFixture.envelope(sequence: 6).jsonBytes() }),
        RefusalCase(name: "wrong hub key", code: "wrong-hub-key", authenticated: true) {
            try HubFixture.envelope(sequence: 6, hubSealing: try SealingKeyPair(seed: [UInt8](repeating: 9, count: 32))).jsonBytes()
        },
        RefusalCase(name: "oversize", code: "too-large", authenticated: false) {
            [UInt8](repeating: UInt8(ascii: " "), count: Limits.maxEnvelopeBytes + 1)
        },
        RefusalCase(name: "malformed", code: "malformed", authenticated: false) { Array(#"{"header":{}}"#.utf8) },
        RefusalCase(name: "clock ahead", code: "clock-skew", authenticated: true) {
            try HubFixture.envelope(sequence: 6, createdAt: "2025-05-01T10:00:00Z").jsonBytes()
        },
        RefusalCase(name: "cell below threshold", code: "below-disclosure-threshold", authenticated: true) {
            try HubFixture.envelope(sequence: 6, cells: HubFixture.cells(count: 3, smallest: 0)).jsonBytes()
        },
        RefusalCase(name: "wrong catalogue version", code: "catalogue-version-unknown", authenticated: true) {
            try HubFixture.envelope(sequence: 6, catalogue: "2019.1").jsonBytes()
        },
    ]
}

@Suite(.timeLimit(.minutes(10)))
struct HubLoggingTests {
    /// Logs name sites, submissions and codes; a cell value never appears in them.
    @Test func logsNeverCarryACellValue() async throws {
        let logs = CapturedLogs()
        var hub = try HubFixture()
        hub.logger = logs.logger()
        try await hub.enrol()
        func cells(_ value: String) -> [Cell] {
            [
                Cell(
                    indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: .published, value: value,
                    numerator: nil, denominator: nil)
            ]
        }
        _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: 1, cells: cells("98765")).jsonBytes())
        _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: 2, cells: cells("87654"), catalogue: "2019.1").jsonBytes())
        let lines = logs.all
        #expect(lines.contains { $0.contains("accepted submission") && $0.contains("llnc.site=353") })
        #expect(lines.contains { $0.contains("refused submission") && $0.contains("catalogue-version-unknown") })
        #expect(!lines.contains { $0.contains("98765") || $0.contains("87654") })
    }
}
