import Foundation
import GRDB
import LLNCProtocol
import Testing

@testable import LLNCNode

/// Nothing can be sealed without approval; four-eyes when the policy asks for it; a site
/// computes only with a catalogue version it approved.
@Suite(.timeLimit(.minutes(10)))
struct ApprovalTests {
    private func batch(approvals: Int) throws -> (IndicatorStore, Int64) {
        let f = try IndicatorFixture()
        for n in 0..<25 {
            try f.insert("cin_referral", year: 2025, ["child": "c\(n)", "referral_date": "2024-05-01", "referral_source": "6", "referral_nfa": "0"])
        }
        let store = try IndicatorFixture.indicators(f.db)
        let results = try IndicatorEngine(catalogue: IndicatorFixture.catalogue).compute(period: "2024-25", reader: f.db, only: ["cin_referrals"])
        try store.approveCatalogue(IndicatorFixture.catalogue, by: "Catalogue Lead")
        let id = try store.saveDraft(
            period: "2024-25", catalogue: IndicatorFixture.catalogue, results: results,
            policy: IndicatorPolicy(approvalsRequired: approvals))
        return (store, id)
    }

    private let site = try! SiteID(laNumber: "353", onsCode: "E08000004")

    @Test func aDraftBatchCannotBeSealed() throws {
        let (store, id) = try batch(approvals: 1)
        let draft = try store.batch(id)
        #expect(!draft.isApproved)
        #expect(throws: IndicatorError.notApproved(batch: id, approvals: 0, required: 1)) {
            try draft.approvedCells()
        }
        #expect(throws: IndicatorError.self) {
            try draft.payload(site: site, submissionID: UUID().uuidString.lowercased(), sequence: 1)
        }
    }

    @Test func oneNamedApprovalLetsABatchBeSealedWhenOneIsRequired() throws {
        let (store, id) = try batch(approvals: 1)
        let approved = try store.approve(id, by: "Asha Patel")
        #expect(approved.isApproved && approved.approvals.map(\.approver) == ["Asha Patel"])
        let payload = try approved.payload(site: site, submissionID: UUID().uuidString.lowercased(), sequence: 1)
        #expect(payload.cells.count == approved.cells.count && payload.catalogueVersion == IndicatorFixture.catalogue.version)
        #expect(payload.cells.allSatisfy { $0.definitionVersion == 1 && $0.period == "2024-25" })
    }

    /// The review opens with the count of cells by status, before the list of every cell.
    @Test func theReviewSaysFirstHowManyCellsLeaveWithEachStatus() throws {
        let (store, id) = try batch(approvals: 1)
        let batch = try store.batch(id)
        let text = BatchReview(batch: batch).text
        let counts = Dictionary(batch.cells.map { ($0.cell.status, 1) }, uniquingKeysWith: +)
        let summary = try #require(text.split(separator: "\n").first { $0.contains(" cells: ") })
        #expect(summary.hasPrefix("\(batch.cells.count) cells: "))
        for (status, count) in counts { #expect(summary.contains("\(count) \(status.rawValue.replacingOccurrences(of: "_", with: " "))")) }
        let summaryAt = try #require(text.range(of: summary)).lowerBound
        let listAt = try #require(text.range(of: "== WHAT WOULD LEAVE")).lowerBound
        #expect(summaryAt < listAt)
    }

    @Test func fourEyesNeedsTwoDifferentApprovers() throws {
        let (store, id) = try batch(approvals: 2)
        #expect(try store.batchesAwaitingApproval() == [.init(batch: id, period: "2024-25", approvals: 0, required: 2)])
        #expect(!(try store.approve(id, by: "Asha Patel").isApproved))
        #expect(try store.batchesAwaitingApproval() == [.init(batch: id, period: "2024-25", approvals: 1, required: 2)])
        #expect(throws: IndicatorError.alreadyApprovedBy(batch: id, approver: "Asha Patel")) {
            try store.approve(id, by: "Asha Patel")
        }
        // The same person typed differently is still one pair of eyes.
        for sameName in ["asha patel", "  ASHA   Patel ", "Asha\tPatel"] {
            #expect(throws: IndicatorError.alreadyApprovedBy(batch: id, approver: "Asha Patel")) { try store.approve(id, by: sameName) }
        }
        #expect(throws: IndicatorError.notApproved(batch: id, approvals: 1, required: 2)) { try store.batch(id).approvedCells() }
        let approved = try store.approve(id, by: "Ben Okafor")
        #expect(approved.isApproved)
        #expect(try store.batchesAwaitingApproval().isEmpty)
        #expect(try approved.approvedCells().count == approved.cells.count)
    }

    @Test func anUnapprovedCatalogueVersionCannotBeComputedWith() throws {
        let f = try IndicatorFixture()
        let store = try IndicatorFixture.indicators(f.db)
        #expect(throws: IndicatorError.catalogueNotApproved(version: IndicatorFixture.catalogue.version)) {
            try store.saveDraft(period: "2024-25", catalogue: IndicatorFixture.catalogue, results: [], policy: IndicatorPolicy())
        }
    }

    @Test func theReviewShowsWhatLeavesAndWhatStaysApart() throws {
        let (store, id) = try batch(approvals: 1)
        let review = BatchReview(batch: try store.batch(id))
        let text = review.text
        #expect(text.contains("WHAT WOULD LEAVE") && text.contains("WHAT STAYS AT THE SITE"))
        #expect(text.contains("primary:zero_in_sensitive_table"), "every suppression names its rule")
        let html = review.html
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.contains("What stays at the site (never sent)"))
    }
}
