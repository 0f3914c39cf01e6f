import LLNCTestSupport
import Testing

@testable import LLNCDisclosure

/// What a reader who knows the published rules (threshold 10, rounding to 5 at sites and 10
/// above them, zeros suppressed only in sensitive tables) learns from one shown figure. The
/// node's protection, its audit and the hub's re-check all model this reader.
@Suite(.timeLimit(.minutes(10)))
struct ReaderKnowledgeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let shown: Double
        let base: Int?
        let zerosShown: Bool
        let lower: Double
        let upper: Double
        let why: String
        var testDescription: String { why }
    }

    @Test(arguments: [
        Case(shown: 10, base: 5, zerosShown: true, lower: 10, upper: 12, why: "a shown 10 at base 5 is 10-12: 8 and 9 would be suppressed"),
        Case(
            shown: 0, base: 5, zerosShown: true, lower: 0, upper: 0, why: "a shown 0 where zeros are shown is exactly 0: 1 and 2 would be suppressed"),
        Case(shown: 15, base: 5, zerosShown: true, lower: 13, upper: 17, why: "above the threshold the rounding interval is all a reader learns"),
        Case(shown: 15, base: 5, zerosShown: false, lower: 13, upper: 17, why: "a sensitive table's shown figure above the threshold is the same"),
        Case(shown: 10, base: 10, zerosShown: true, lower: 10, upper: 14, why: "a regional 10 at base 10 is 10-14, not 5-14"),
        Case(shown: 0, base: 10, zerosShown: true, lower: 0, upper: 0, why: "a regional 0 is exactly 0"),
        Case(shown: 10, base: nil, zerosShown: true, lower: 10, upper: 10, why: "an exact figure is itself"),
        Case(shown: 0, base: nil, zerosShown: true, lower: 0, upper: 0, why: "an exact 0 is itself"),
    ])
    func aShownFigureMeansEveryCountThePublishedRulesCouldHaveShownThatWay(_ c: Case) {
        let bounds = Policy.default.possibleCounts(shown: c.shown, base: c.base, zerosShown: c.zerosShown)
        #expect(bounds.lower == c.lower && bounds.upper == c.upper)
    }

    @Test func aPublishedPercentageSaysItsNumeratorAndRemainderAreAtLeastTheMinimum() {
        #expect(Policy.default.shownPercentageNumeratorAtLeast == 10)
        var lenient = Policy.default
        lenient.percentageMinimumNumerator = 5
        #expect(lenient.shownPercentageNumeratorAtLeast == 10, "every count below the threshold is suppressed, whatever the percentage rule")
    }

    /// The attack the first audit missed: it read each shown 0 in a flow table as 0-2, so the
    /// suppressed 4 beside them looked safe; a reader who knows that 1 and 2 are never shown
    /// reads them as exactly 0 and pins the 4 to 1-9.
    @Test func shownZerosBesideASuppressedCellAreReadAsExactlyZero() throws {
        let table = try rowTable([4, 0, 0, 0, 40], sensitive: false)
        let naive = try naivePublication(table, policy: .default)
        let attacked = try #require(finding(naive.audit, CellKey("c0")))
        #expect(attacked.minimum >= 1, "the total (43-47) minus 38-42 and three exact zeros leaves at least 1")
        #expect(!naive.audit.passed)

        let protected = try table.protected(by: .default)
        #expect(protected.audit.passed)
        let safe = try #require(finding(protected.audit, CellKey("c0")))
        #expect(safe.minimum <= 0 && (safe.maximum ?? .infinity) >= 9)
    }

    /// A shown 10 is at least 10; the first audit let the total minus a 10 read as 8-12.
    @Test func aShownTenIsReadAsAtLeastTen() throws {
        let table = try rowTable([3, 10, 10, 10, 10, 10, 10], sensitive: false)
        let naive = try naivePublication(table, policy: .default)
        let attacked = try #require(finding(naive.audit, CellKey("c0")))
        // Total 63 shows as 65 (63-67); six shown 10s are 60-72 under the public rules, so
        // c0 is at most 7 (and the old model's 48-72 would have said at most 19).
        #expect((attacked.maximum ?? .infinity) <= 7)
        #expect(!naive.audit.passed)
        #expect(try table.protected(by: .default).audit.passed)
    }
}
