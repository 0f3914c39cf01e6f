import Testing

@testable import LLNCDisclosure

/// The attacks that break naive suppression, each shown first against a naive publication
/// (the audit must catch it) and then against the library's output (the audit must pass).
@Suite(.timeLimit(.minutes(10)))
struct RegressionTests {
    @Test func oneSuppressedCellInARowIsRecoveredFromTheTotal() throws {
        let table = try rowTable([3, 20, 30])
        let naive = try naivePublication(table, policy: exactPolicy)
        let attacked = try #require(finding(naive.audit, CellKey("c0")))
        #expect(attacked.minimum == 3 && attacked.maximum == 3)
        #expect(!naive.audit.passed)

        let protected = try table.protected(by: exactPolicy)
        #expect(protected.audit.passed)
        #expect(protected.secondaryCount >= 1)
        let safe = try #require(finding(protected.audit, CellKey("c0")))
        #expect(safe.minimum <= 0 && (safe.maximum ?? .infinity) >= 8)
    }

    @Test func twoOnesUnderAPublishedTotalAreNarrowedToTwo() throws {
        let table = try rowTable([1, 1, 20, 25])
        let naive = try naivePublication(table, policy: exactPolicy)
        #expect(finding(naive.audit, CellKey("c0"))?.maximum == 2)
        #expect(!naive.audit.passed)

        let protected = try table.protected(by: exactPolicy)
        #expect(protected.audit.passed)
        #expect(protected.cells.filter { $0.status == .secondarySuppressed }.count == 1)
        #expect(protected.cells[table.index(of: CellKey("c2"))!].status == .secondarySuppressed, "the cheapest complement is the smaller sibling")
    }

    @Test func aRegionalTotalMinusAllOtherSitesGivesTheSite() throws {
        let sites = try Dimension(
            name: "site", kind: .geography, root: "England",
            children: [
                "England": ["North West", "South East"], "North West": ["Oldham", "Rochdale", "Bolton"], "South East": ["Hampshire", "Kent"],
            ])
        let table = try Table.frequency(
            name: "sites", dimensions: [sites],
            counts: [CellKey("Oldham"): 4, CellKey("Rochdale"): 40, CellKey("Bolton"): 52, CellKey("Hampshire"): 70, CellKey("Kent"): 81])
        let naive = try naivePublication(table, policy: exactPolicy)
        #expect(finding(naive.audit, CellKey("Oldham"))?.maximum == 4)

        let protected = try table.protected(by: exactPolicy)
        #expect(protected.audit.passed)
        #expect(protected.cells[table.index(of: CellKey("Rochdale"))!].status == .secondarySuppressed)
        #expect(protected.cells[table.index(of: CellKey("England"))!].status.isSuppressed == false, "the national total stays published")
    }

    @Test func yearToDateMinusThePreviousPeriodGivesTheNewPeriod() throws {
        let period = try Dimension(
            name: "period", root: "April to September", children: ["April to September": ["April to June", "July to September"]])
        let site = try Dimension(name: "site", values: ["Oldham", "Rochdale", "Bolton"])
        let counts: [CellKey: Int] = [
            CellKey("April to June", "Oldham"): 30, CellKey("July to September", "Oldham"): 3,
            CellKey("April to June", "Rochdale"): 25, CellKey("July to September", "Rochdale"): 40,
            CellKey("April to June", "Bolton"): 31, CellKey("July to September", "Bolton"): 44,
        ]
        let table = try Table.frequency(name: "by period", dimensions: [period, site], counts: counts)
        // Protecting the new quarter on its own (its own row and total) is not enough once the
        // year-to-date and the previous quarter are published beside it.
        let quarterOnly = try Table.frequency(
            name: "July to September", dimensions: [site],
            counts: [CellKey("Oldham"): 3, CellKey("Rochdale"): 40, CellKey("Bolton"): 44])
        let quarterPattern = try quarterOnly.protected(by: exactPolicy)
        #expect(quarterPattern.audit.passed)
        let suppressedInQuarter = Set(
            quarterPattern.cells.filter(\.status.isSuppressed).map { table.index(of: CellKey(["July to September"] + $0.key.values))! })
        let naive = try naivePublication(table, policy: exactPolicy, suppressed: suppressedInQuarter)
        let attacked = try #require(finding(naive.audit, CellKey("July to September", "Oldham")))
        #expect(attacked.minimum == 3 && attacked.maximum == 3)

        let joint = try table.protected(by: exactPolicy)
        #expect(joint.audit.passed)
    }

    @Test func aPercentageWithItsRoundedDenominatorNarrowsAProtectedCell() throws {
        let percentages = [
            PercentageDefinition(name: "share c1", numerator: CellKey("c1"), denominator: CellKey("Total")),
            PercentageDefinition(name: "share c2", numerator: CellKey("c2"), denominator: CellKey("Total")),
        ]
        let table = try rowTable([3, 20, 20], percentages: percentages)
        // Rounding alone hides the 3: Total 45 and two 20s leave it anywhere in [0, 11].
        let roundedOnly = try naivePublication(table, policy: .default, percentagesPublished: false)
        #expect(roundedOnly.audit.passed)
        // The two percentages (47% each of a total in 43...47) pin it to about 2 to 3.3.
        let withPercentages = try naivePublication(table, policy: .default)
        let attacked = try #require(finding(withPercentages.audit, CellKey("c0")))
        #expect(attacked.minimum > 2 && (attacked.maximum ?? .infinity) < 3.5)

        let protected = try table.protected(by: .default)
        #expect(protected.audit.passed)
    }

    @Test func marginsAreRoundedFromTheTrueTotalNotRecomputedFromPublishedCells() throws {
        let table = try rowTable([12, 12, 12])
        let protected = try table.protected(by: .default)
        #expect(protected.cells.compactMap(\.value) == [35, 10, 10, 10])
        let sumOfPublished = protected.cells.dropFirst().compactMap(\.value).reduce(0, +)
        #expect(sumOfPublished == 30, "a reader adding up the rounded cells gets 30, not the true 36")
        #expect(protected.cells[0].status == .rounded(base: 5))
    }
}

/// Two tables that are each safe can be unsafe together: the audit links them by the cells
/// they share (same dimension values, `Total` dropped).
@Suite(.timeLimit(.minutes(10)))
struct LinkedTablesTests {
    @Test func aSiteTotalPublishedInAnotherBreakdownUndoesAComplement() throws {
        let site = try Dimension(name: "site", values: ["Oldham", "Rochdale", "Bolton"])
        let sex = try Dimension(name: "sex", values: ["F", "M"])
        let bySite = try Table.frequency(
            name: "by site", dimensions: [site], counts: [CellKey("Oldham"): 3, CellKey("Rochdale"): 40, CellKey("Bolton"): 50])
        let bySex = try Table.frequency(
            name: "by site and sex", dimensions: [site, sex],
            counts: [
                CellKey("Oldham", "F"): 1, CellKey("Oldham", "M"): 2, CellKey("Rochdale", "F"): 20,
                CellKey("Rochdale", "M"): 20, CellKey("Bolton", "F"): 25, CellKey("Bolton", "M"): 25,
            ])
        // Each table protects Oldham on its own, with a different complement.
        let a = try naivePublication(bySite, policy: exactPolicy, suppressed: [bySite.index(of: CellKey("Rochdale"))!])
        let b = try naivePublication(
            bySex, policy: exactPolicy,
            suppressed: Set(["F", "M", "Total"].map { bySex.index(of: CellKey("Bolton", $0))! }))
        #expect(a.audit.passed && b.audit.passed)
        // Together: Oldham + Rochdale = 93 − 50 from the first, Rochdale = 40 from the second.
        let joint = try Audit.attack([a, b])
        let oldham = try #require(finding(joint, CellKey("Oldham")))
        #expect(oldham.minimum == 3 && oldham.maximum == 3)
        #expect(!joint.passed)
    }
}
