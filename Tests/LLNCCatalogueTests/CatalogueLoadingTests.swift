import Foundation
import Testing

@testable import LLNCCatalogue

/// The shipped catalogue loads, covers DOMAIN.md section 3, and has a stable version.
@Suite(.timeLimit(.minutes(10)))
struct CatalogueLoadingTests {
    @Test func theShippedCatalogueLoadsWithEveryFamily() throws {
        let catalogue = try CatalogueLoader.load(directory: CatalogueFixtures.directory)
        #expect(Set(catalogue.families.map(\.name)) == ["school_readiness", "care_leavers", "stock_and_flow", "costs", "voice"])
        #expect(catalogue.indicators.count >= 30)
        for id in [
            "eyfsp_good_level_of_development", "asq3_all_domains_expected", "funded_two_year_old_take_up",
            "care_leavers_contact_in_touch", "cin_rereferrals_within_12_months", "placement_stability_long_term",
            "state_transitions", "placement_weekly_unit_cost", "survey_answers", "looked_after_rate",
        ] {
            #expect(catalogue.indicator(id) != nil, "missing \(id)")
        }
    }

    @Test func theVersionIsAHashOfMeaningNotOfSpelling() throws {
        let files = try CatalogueFixtures.files()
        let original = try CatalogueLoader.load(files: files).version
        #expect(original.count == 64)
        let recommented = files.map { ($0.name, "# a new comment\n" + $0.text) }
        #expect(try CatalogueLoader.load(files: recommented).version == original)
        let changed = files.map { ($0.name, $0.text.replacingOccurrences(of: "earlier_row_within_months: 12", with: "earlier_row_within_months: 6")) }
        #expect(try CatalogueLoader.load(files: changed).version != original)
    }

    @Test func periodsAreReadByTheirType() throws {
        let reporting = try #require(ReportingPeriod("2024-25", type: .reportingYear))
        #expect(reporting.collectionYear == 2025 && reporting.start == "2024-04-01" && reporting.end == "2025-03-31")
        let academic = try #require(ReportingPeriod("2024-25", type: .academicYear))
        #expect(academic.start == "2024-09-01" && academic.end == "2025-08-31")
        #expect(reporting.previous.label == "2023-24")
        #expect(reporting.end(minusMonths: 30) == "2022-09-30")
        #expect(ReportingPeriod("2024-26", type: .reportingYear) == nil)
    }
}
