import Foundation
import LLNCCatalogue
import LLNCComparison
import LLNCProtocol
import Testing

/// Definition versions join one comparison and series only when the catalogue says so.
@Suite(.timeLimit(.minutes(10)))
struct VersionAndSeriesTests {
    /// The real catalogue with `child_protection_plans_ended` at version 2 comparable with 1,
    /// and `cin_assessments_completed` at version 2 not comparable.
    static func catalogue() throws -> Catalogue {
        let directory = Fixtures.root.appendingPathComponent("protocol/catalogue")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let files = try names.map { name -> (name: String, text: String) in
            var text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            if name == "stock-and-flow.yaml" {
                text = bump(text, id: "child_protection_plans_ended", to: "version: 2\n    comparable_versions: [1]")
                text = bump(text, id: "cin_assessments_completed", to: "version: 2")
            }
            return (name, text)
        }
        return try CatalogueLoader.load(files: files)
    }

    static func bump(_ text: String, id: String, to replacement: String) -> String {
        guard let start = text.range(of: "- id: \(id)\n"), let version = text.range(of: "version: 1", range: start.upperBound..<text.endIndex)
        else { return text }
        return text.replacingCharacters(in: version, with: replacement)
    }

    @Test func comparableVersionsShareOneComparison() throws {
        let plan = try Fixtures.plan(
            [
                Fixtures.shown("353", "child_protection_plans_ended", "40", version: 1),
                Fixtures.shown("850", "child_protection_plans_ended", "100", version: 2),
            ], catalogue: try Self.catalogue())
        let matching = plan.comparisons.filter { $0.indicator == "child_protection_plans_ended" }
        #expect(matching.count == 1)
        #expect(matching.first?.definitionVersion == 2)
        #expect(matching.first?.england.value == 140)
    }

    @Test func versionsNotDeclaredComparableStayApart() throws {
        let plan = try Fixtures.plan(
            [
                Fixtures.shown("353", "cin_assessments_completed", "40", period: "2023-24", version: 1),
                Fixtures.shown("353", "cin_assessments_completed", "45", version: 2),
                Fixtures.shown("850", "cin_assessments_completed", "100", version: 1),
            ], catalogue: try Self.catalogue())
        let matching = plan.comparisons.filter { $0.indicator == "cin_assessments_completed" }
        #expect(Set(matching.map(\.definitionVersion)) == [1, 2])
        #expect(matching.first { $0.definitionVersion == 2 }?.england.value == 45)
        let oldhamSeries = plan.series.filter { $0.indicator == "cin_assessments_completed" && $0.code == "353" }
        #expect(oldhamSeries.count == 2)
        #expect(oldhamSeries.allSatisfy { $0.points.count == 1 })
    }

    @Test func seriesRunOverPeriodsWithChangeSinceABaseline() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", "child_protection_plans_ended", "40", period: "2023-24"),
            Fixtures.shown("850", "child_protection_plans_ended", "60", period: "2023-24"),
            Fixtures.shown("353", "child_protection_plans_ended", "45", period: "2024-25"),
            Fixtures.shown("850", "child_protection_plans_ended", "85", period: "2024-25"),
            Fixtures.shown("354", "child_protection_plans_ended", "25", period: "2024-25", status: .rounded, reason: "rounded:base5"),
        ])
        let england = try #require(plan.series.first { $0.indicator == "child_protection_plans_ended" && $0.geography == .national })
        #expect(england.points.map(\.period) == ["2023-24", "2024-25"])
        let change = try #require(england.change(since: "2023-24"))
        #expect(change.difference == nil)
        #expect(change.bounds == Bounds(lower: 53, upper: 57))
        let hampshire = try #require(plan.series.first { $0.code == "850" })
        #expect(hampshire.change(since: "2023-24")?.difference == 25)
        #expect(hampshire.change(since: "2019-20") == nil)
    }

    /// Two percentages shown to whole numbers, 50 then 53: the change is +2 ... +4, never
    /// "exactly +3" (the true figures could be 50.4 and 52.6).
    @Test func aChangeBetweenRoundedPercentagesIsARangeNotADifference() throws {
        let id = "cin_rereferrals_within_12_months"
        let plan = try Fixtures.plan([
            Fixtures.shown("353", id, "50", period: "2023-24", unit: .percentage, numerator: "100", denominator: "200"),
            Fixtures.shown("353", id, "53", period: "2024-25", unit: .percentage, numerator: "105", denominator: "200"),
        ])
        let oldham = try #require(plan.series.first { $0.indicator == id && $0.code == "353" })
        #expect(oldham.points.map(\.status) == [.rounded, .rounded])
        let change = try #require(oldham.change(since: "2023-24"))
        #expect(change.difference == nil)
        let bounds = try #require(change.bounds)
        #expect(close(bounds.lower, 2) && close(bounds.upper, 4))
    }
}
