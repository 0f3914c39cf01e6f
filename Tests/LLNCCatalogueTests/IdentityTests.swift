import Foundation
import Testing

@testable import LLNCCatalogue

/// Identities between indicators: how a term names cells, and what the loader refuses.
@Suite(.timeLimit(.minutes(10)))
struct IdentityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let term: [String: String]
        let cell: [String: String]
        let binding: String?
        let why: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        Case(
            term: ["to_state": "looked_after:{group}"], cell: ["to_state": "looked_after:foster", "from_state": "Total"], binding: "foster",
            why: "a pattern binds the text between its prefix and suffix; other dimensions at Total"),
        Case(
            term: ["to_state": "looked_after:{group}"], cell: ["to_state": "looked_after:foster", "age_band": "0-4"], binding: nil,
            why: "a dimension the term leaves out must be at its total"),
        Case(
            term: ["to_state": "looked_after:{group}"], cell: ["to_state": "looked_after"], binding: nil,
            why: "the pattern needs its prefix and something after it"),
        Case(
            term: ["placement_type": "{group}"], cell: ["placement_type": "Total"], binding: nil,
            why: "a variable never binds the total"),
        Case(
            term: ["to_state": "looked_after"], cell: ["to_state": "looked_after", "from_state": "Total"], binding: "",
            why: "a literal matches itself and binds nothing"),
        Case(term: [:], cell: [:], binding: "", why: "no breakdown names the overall figure"),
        Case(term: [:], cell: ["placement_type": "foster"], binding: nil, why: "the overall figure is not a category's"),
    ])
    func aTermNamesTheCellsItMatches(_ c: Case) {
        #expect(Identity.binding(of: Identity.Term(indicator: "x", breakdown: c.term), cell: c.cell) == c.binding)
    }

    @Test func theShippedIdentitiesLinkTheFlowMatrixWithTheStock() throws {
        let catalogue = try CatalogueLoader.load(directory: CatalogueFixtures.directory)
        let linked = Set(catalogue.identities(of: "state_transitions").flatMap { $0.terms.map(\.indicator) })
        #expect(linked.isSuperset(of: ["looked_after_at_31_march", "looked_after_at_31_march_by_age"]))
        #expect(catalogue.identities.contains { $0.terms.contains(where: \.previousPeriod) })
    }

    static func rejection(
        _ identity: String,
        indicator: String = CatalogueFixtures.count(
            definition: """
                      source: cla_episode
                      population: {open_at_end: {start: decom, end: dec}}
                      measure: distinct_children
                """)
    ) throws -> CatalogueError {
        var files = try CatalogueFixtures.withIndicator(indicator)
        files[1].text += "\nidentities:\n" + identity
        return CatalogueFixtures.rejection(files)
    }

    @Test func anIdentityNamingAnUnknownIndicatorIsRejected() throws {
        let error = try Self.rejection(
            """
              - name: bad
                why: test
                left: [{indicator: test_indicator}]
                right: [{indicator: no_such_indicator}]
            """)
        #expect(error.field == "identities.bad.right[0]" && error.problem.contains("no_such_indicator"), "\(error)")
    }

    @Test func anIdentityAcrossDisclosureClassesIsRejected() throws {
        let shown = CatalogueFixtures.count(
            definition: """
                      source: cla_episode
                      population: {open_at_end: {start: decom, end: dec}}
                      measure: distinct_children
                """
        ).replacingOccurrences(of: "test_indicator", with: "zeros_shown").replacingOccurrences(of: "sensitive: true", with: "sensitive: false")
        let error = try Self.rejection(
            """
              - name: mixed
                why: test
                left: [{indicator: test_indicator}]
                right: [{indicator: zeros_shown}]
            """,
            indicator: CatalogueFixtures.count(
                definition: """
                          source: cla_episode
                          population: {open_at_end: {start: decom, end: dec}}
                          measure: distinct_children
                    """) + "\n" + shown)
        #expect(error.field == "identities.mixed" && error.problem.contains("disclosure classes"))
    }

    @Test func aBreakdownTheIndicatorDoesNotHaveIsRejected() throws {
        let error = try Self.rejection(
            """
              - name: bad_dimension
                why: test
                left: [{indicator: test_indicator, breakdown: {placement_type: foster}}]
                right: [{indicator: test_indicator, period: previous}]
            """)
        #expect(error.field == "identities.bad_dimension.left[0].breakdown.placement_type")
    }
}
