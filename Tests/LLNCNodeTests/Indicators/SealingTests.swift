import Foundation
import GRDB
import LLNCProtocol
import Testing

@testable import LLNCNode

/// The outbox takes a batch only once it is approved: a draft never becomes an envelope.
@Suite(.timeLimit(.minutes(10)))
struct SealingTests {
    @Test func onlyAnApprovedBatchEntersTheOutbox() throws {
        let f = try IndicatorFixture()
        for n in 0..<30 {
            try f.insert("cin_referral", year: 2025, ["child": "c\(n)", "referral_date": "2024-06-01", "referral_source": "2A", "referral_nfa": "0"])
        }
        let indicators = try IndicatorFixture.indicators(f.db)
        let outbox = try Outbox(f.db)
        try indicators.approveCatalogue(IndicatorFixture.catalogue, by: "Catalogue Lead")
        let results = try IndicatorEngine(catalogue: IndicatorFixture.catalogue).compute(period: "2024-25", reader: f.db, only: ["cin_referrals"])
        let id = try indicators.saveDraft(
            period: "2024-25", catalogue: IndicatorFixture.catalogue, results: results,
            policy: IndicatorPolicy(approvalsRequired: 2))
        let identity = SiteIdentity(
            site: try SiteID(laNumber: "850", onsCode: "E10000014"), signingKey: .generate(),
            hubURL: URL(string: "http://127.0.0.1:9/")!,
            hubKeys: HubKeySet(sealingKey: SealingKeyPair.generate().publicKey, signingKey: SigningKeyPair.generate().publicKey))
        #expect(throws: IndicatorError.notApproved(batch: id, approvals: 0, required: 2)) {
            try outbox.seal(try indicators.batch(id), identity: identity, now: 1_700_000_000)
        }
        try indicators.approve(id, by: "Asha Patel")
        #expect(throws: IndicatorError.notApproved(batch: id, approvals: 1, required: 2)) {
            try outbox.seal(try indicators.batch(id), identity: identity, now: 1_700_000_000)
        }
        #expect(try outbox.pending().isEmpty)
        try indicators.approve(id, by: "Ben Okafor")
        let entry = try outbox.seal(try indicators.batch(id), identity: identity, now: 1_700_000_000)
        let sealed = try indicators.batch(id)
        #expect(entry.batch == String(id) && entry.cellCount == sealed.cells.count)
    }
}
