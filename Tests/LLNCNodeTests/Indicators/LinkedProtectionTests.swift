import Foundation
import LLNCCatalogue
import LLNCProtocol
import Testing

@testable import LLNCNode

/// On a synthetic site, the looked-after stock, its breakdown by age, its rate, the flows in
/// and out of care and the flow matrix are protected as one problem, and a period is protected
/// against what the site approved for the one before.
@Suite(.timeLimit(.minutes(10)), .serialized) struct LinkedProtectionTests {
    static func site() throws -> NodeStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-linked-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try SyntheticSite(spec: SyntheticSiteSpec(site: 850, children: 4000, years: 3, lastYear: 2025, seed: 7)).write(to: directory)
        let store = try NodeStore.inMemory()
        let pseudonymiser = try Pseudonymiser(siteSecret: [UInt8](repeating: 7, count: 32))
        for file in files {
            _ = try DatasetIngester(layout: DatasetLayout.named(file.dataset)!, year: file.year, pseudonymiser: pseudonymiser, acceptValid: true)
                .ingest(files: [file.url], into: store)
        }
        return store
    }

    static let linked = [
        "looked_after_at_31_march", "looked_after_at_31_march_by_age", "looked_after_rate", "looked_after_starts",
        "looked_after_ceased", "state_transitions",
    ]

    @Test func theFlowMatrixAndTheLookedAfterTablesAreProtectedTogetherAndAgree() throws {
        let store = try Self.site()
        let results = try store.computeIndicators(IndicatorEngine(catalogue: IndicatorFixture.catalogue), period: "2024-25")
        let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.indicator, $0) })
        for id in Self.linked {
            let result = try #require(byID[id])
            #expect(!result.cells.contains { $0.cell.reason == "disclosure:not_protected" }, "\(id): \(result.cells.first?.rule ?? "")")
            let summary = try #require(result.protection, "\(id) is protected with its linked tables")
            #expect(summary.contains("every one protected"))
            #expect(summary.contains("state_transitions") && summary.contains("looked_after_at_31_march_by_age"))
        }
        // The flow matrix's destination and the stock are the same children: what one shows
        // the other shows, and what one withholds the other withholds.
        let flow = try #require(byID["state_transitions"]).cells.map(\.cell)
        let stock = try #require(byID["looked_after_at_31_march"]).cells.map(\.cell)
        var compared = 0
        for group in ["foster", "adoption", "with_parents", "independent_living", "residential", "other"] {
            guard let a = flow.first(where: { $0.breakdown == ["from_state": "Total", "to_state": "looked_after:\(group)", "age_band": "Total"] }),
                let b = stock.first(where: { $0.breakdown == ["placement_type": group] })
            else { continue }
            #expect(a.status == b.status && a.value == b.value, "\(group): \(a.status) \(a.value ?? "-") vs \(b.status) \(b.value ?? "-")")
            compared += 1
        }
        #expect(compared >= 4)
    }

    @Test func aPeriodIsProtectedAgainstWhatTheSiteApprovedForTheOneBefore() throws {
        let store = try Self.site()
        let engine = IndicatorEngine(catalogue: IndicatorFixture.catalogue)
        let indicators = store.indicators()
        try indicators.approveCatalogue(IndicatorFixture.catalogue, by: "Asha Patel")
        let before = try store.computeIndicators(engine, period: "2023-24")
        #expect(before.allSatisfy { !($0.protection?.contains("held fixed") ?? false) }, "nothing was published before 2023-24")
        let id = try indicators.saveDraft(period: "2023-24", catalogue: IndicatorFixture.catalogue, results: before, policy: IndicatorPolicy())
        try indicators.approve(id, by: "Asha Patel")

        let after = try store.computeIndicators(engine, period: "2024-25")
        let summary = try #require(after.first { $0.indicator == "looked_after_at_31_march" }?.protection)
        #expect(summary.contains("held fixed, as published: looked_after_at_31_march@2023-24"))
        #expect(summary.contains("every one protected"))
        let saved = try indicators.batch(
            indicators.saveDraft(period: "2024-25", catalogue: IndicatorFixture.catalogue, results: after, policy: IndicatorPolicy()))
        #expect(saved.protection.contains(summary))
        #expect(BatchReview(batch: saved).text.contains("== PROTECTED TOGETHER"))
    }
}
