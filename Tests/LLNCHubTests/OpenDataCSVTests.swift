import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The EES writer's files pass the independent rules, and the rules catch what they should.
@Suite(.timeLimit(.minutes(10)))
struct OpenDataCSVTests {
    static func table(synthetic: Bool = false) -> OpenDataTable {
        let time = OpenDataTable.timePeriod("2024-25", timeIdentifier: "Reporting year")
        func row(_ level: OpenDataTable.Level, sex: String, value: OpenDataTable.Value) -> OpenDataTable.Row {
            var row = OpenDataTable.Row(
                timePeriod: time, timeIdentifier: "Reporting year", level: level, filters: ["sex": sex], values: ["cla_starts": value])
            if level != .national { (row.regionCode, row.regionName) = ("E12000002", "North West") }
            if level == .localAuthority { (row.oldLACode, row.newLACode, row.laName) = ("353", "E08000004", "Oldham") }
            return row
        }
        return OpenDataTable(
            name: "cla_starts",
            filters: [.init(column: "sex", label: "Sex", hint: "Filter by sex")],
            indicators: [
                .init(column: "cla_starts", label: "Children starting to be looked after, \"all\"", grouping: "", unit: "", decimalPlaces: 0)
            ],
            rows: [
                row(.national, sex: "Total", value: .number("1250")), row(.national, sex: "female", value: .number("600")),
                row(.regional, sex: "Total", value: .number("300")), row(.localAuthority, sex: "Total", value: .number("45")),
                row(.localAuthority, sex: "female", value: .symbol("c")),
            ],
            synthetic: synthetic)
    }

    @Test(arguments: [false, true])
    func theWritersFilesFollowTheRules(synthetic: Bool) {
        let table = Self.table(synthetic: synthetic)
        let problems = ExploreEducationStatisticsRules.violations(
            data: OpenDataCSV.data(table), meta: OpenDataCSV.meta(table), synthetic: synthetic)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func reportingYearsEndInMarchAndAcademicYearsJoinBothYears() {
        #expect(OpenDataTable.timePeriod("2024-25", timeIdentifier: "Reporting year") == "2025")
        #expect(OpenDataTable.timePeriod("2024-25", timeIdentifier: "Academic year") == "202425")
        #expect(OpenDataTable.timePeriod("1999-00", timeIdentifier: "Financial year") == "199900")
    }

    @Test func theRulesCatchABlankValueAMissingTotalAndALocalAuthorityWithoutCodes() {
        var table = Self.table()
        table.rows[4].values["cla_starts"] = .symbol("")
        table.rows[3].filters["sex"] = "male"
        table.rows[4].newLACode = ""
        let problems = ExploreEducationStatisticsRules.violations(data: OpenDataCSV.data(table), meta: OpenDataCSV.meta(table))
        #expect(problems.contains { $0.contains("cla_starts is 'blank'") })
        #expect(problems.contains { $0.contains("lack the all-Total row") })
        #expect(problems.contains { $0.contains("new_la_code") })
    }
}
