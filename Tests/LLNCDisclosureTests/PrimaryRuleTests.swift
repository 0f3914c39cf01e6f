import Testing

@testable import LLNCDisclosure

/// Each primary rule as a table of cases: value in, rule (or none) out.
@Suite(.timeLimit(.minutes(10)))
struct PrimaryRuleTests {
    @Test(
        arguments: [
            (0, true, PrimaryRule?.some(.zeroInSensitiveTable)),
            (0, false, nil),
            (1, true, .threshold), (9, false, .threshold),
            (10, true, nil), (250, true, nil),
        ] as [(Int, Bool, PrimaryRule?)])
    func countsBelowTheThresholdAndSensitiveZerosAreWithheld(value: Int, sensitive: Bool, rule: PrimaryRule?) {
        #expect(PrimarySuppression.frequencyRule(Double(value), policy: .default, sensitive: sensitive) == rule)
    }

    @Test func theThresholdIsConfigurable() {
        var policy = Policy()
        policy.threshold = 5
        #expect(PrimarySuppression.frequencyRule(4, policy: policy, sensitive: true) == .threshold)
        #expect(PrimarySuppression.frequencyRule(5, policy: policy, sensitive: true) == nil)
    }

    @Test(
        arguments: [
            // value, contributors (count, largest), rule
            (1000.0, 12, [500.0, 420.0], PrimaryRule?.some(.dominance)), // 92% in the top two
            (1000.0, 12, [450.0, 440.0], nil), // 89%: dominance passes; p%: 1000 − 890 = 110 ≥ 45
            (1000.0, 3, [400.0, 300.0], .threshold), // too few contributors
            (0.0, 0, [], .zeroInSensitiveTable),
        ] as [(Double, Int, [Double], PrimaryRule?)])
    func magnitudeCellsFollowThresholdDominanceAndPPercent(value: Double, count: Int, largest: [Double], rule: PrimaryRule?) {
        let contributors = Contributors(count: count, largest: largest)
        #expect(PrimarySuppression.magnitudeRule(value, contributors: contributors, policy: .default, sensitive: true) == rule)
    }

    /// With the default (2, 90%) dominance rule, p% = 10 never fires first; it matters when
    /// the dominance rule is looser.
    @Test func pPercentCatchesWhatALooserDominanceRuleMisses() {
        var policy = Policy()
        policy.dominanceK = 95
        let contributors = Contributors(count: 12, largest: [880, 50]) // 93%: not dominant at 95%
        // 1000 − 880 − 50 = 70 < 10% of 880: the second largest can estimate the largest within 8%.
        #expect(PrimarySuppression.magnitudeRule(1000, contributors: contributors, policy: policy, sensitive: true) == .pPercent)
    }

    @Test func aWholeGroupInOneCategoryIsWithheldInNonSensitiveTables() throws {
        let table = try rowTable([0, 23, 0], sensitive: false)
        let rules = PrimarySuppression.rules(for: table, policy: .default)
        #expect(rules == [nil, nil, .wholeGroupInOneCategory, nil])
        let protected = try table.protected(by: .default)
        #expect(protected.audit.passed)
        #expect(protected.cells[2].symbol == .confidential)
    }

    @Test func wholeGroupRuleDoesNotApplyAlongGeography() throws {
        let sites = try Dimension(name: "site", kind: .geography, root: "England", values: ["Oldham", "Rochdale"])
        let table = try Table.frequency(
            name: "sites", dimensions: [sites], counts: [CellKey("Oldham"): 40, CellKey("Rochdale"): 0], isSensitive: false)
        #expect(PrimarySuppression.rules(for: table, policy: .default).allSatisfy { $0 == nil })
    }

    @Test(
        arguments: [
            (7, 5, 5.0), (8, 5, 10.0), (12, 5, 10.0), (13, 5, 15.0),
            (14, 10, 10.0), (15, 10, 20.0), (0, 5, 0.0), (36, 5, 35.0),
        ] as [(Int, Int, Double)])
    func roundingIsToTheNearestBaseFromTheUnroundedValue(value: Int, base: Int, rounded: Double) {
        #expect(Rounding.round(Double(value), base: base) == rounded)
        let interval = Rounding.interval(published: rounded, base: base)
        #expect(interval.lower <= Double(value) && Double(value) <= interval.upper)
    }

    @Test func regionalAndNationalCellsRoundToTen() throws {
        let sites = try Dimension(name: "site", kind: .geography, root: "England", values: ["Oldham", "Rochdale"])
        let table = try Table.frequency(name: "sites", dimensions: [sites], counts: [CellKey("Oldham"): 23, CellKey("Rochdale"): 21])
        let protected = try table.protected(by: .default)
        #expect(protected.cells.map(\.status) == [.rounded(base: 10), .rounded(base: 5), .rounded(base: 5)])
        #expect(protected.cells.map(\.value) == [40, 25, 20])
    }

    @Test func aCountThatRoundsToZeroIsShownAsLow() throws {
        var policy = Policy()
        policy.threshold = 1
        policy.roundingBase = 5
        let protected = try rowTable([2, 40], sensitive: false).protected(by: policy)
        #expect(protected.cells[1].symbol == .low && protected.cells[1].value == nil)
    }

    @Test(
        arguments: [
            (12, 30, true, "published"), (9, 30, false, "numerator below"), (12, 21, false, "numerator below"),
            (20, 30, true, "published"), (0, 0, false, "denominator is zero"),
        ] as [(Int, Int, Bool, String)])
    func percentagesNeedTenInTheNumeratorAndTenOutsideIt(numerator: Int, denominator: Int, published: Bool, reason: String) throws {
        let share = PercentageDefinition(name: "share", numerator: CellKey("c0"), denominator: CellKey("Total"))
        let table = try rowTable([numerator, denominator - numerator], sensitive: false, percentages: [share])
        var policy = exactPolicy
        policy.threshold = 1
        let protected = try table.protected(by: policy)
        #expect((protected.percentages[0].value != nil) == published)
        #expect(protected.percentages[0].reason.hasPrefix(reason))
    }

    /// In a sensitive table a zero denominator is itself withheld, so the percentage must not
    /// say "not applicable (denominator zero)": it is withheld with it.
    @Test func aWithheldZeroDenominatorIsNotRevealedByItsPercentage() throws {
        let share = PercentageDefinition(name: "share", numerator: CellKey("c0"), denominator: CellKey("Total"))
        let table = try rowTable([0, 0], sensitive: true, percentages: [share])
        let protected = try table.protected(by: Policy())
        #expect(protected.percentages[0].symbol == .confidential)
        #expect(protected.percentages[0].value == nil)
    }
}
