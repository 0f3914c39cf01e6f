import LLNCCatalogue
import LLNCComparison
import LLNCProtocol
import Testing

/// The merge arithmetic against figures worked out by hand (hub/COMPARISONS.md).
@Suite(.timeLimit(.minutes(10)))
struct MergeTests {
    /// Oldham 40, Rochdale rounded to 25 (base 5: 23...27), North Yorkshire suppressed,
    /// Hampshire 100; Bolton enrolled but silent.
    @Test func countsWithSuppressedAndRoundedSitesGiveAnIntervalNeverAWrongTotal() throws {
        let plan = try Fixtures.plan(
            [
                Fixtures.shown("353", "child_protection_plans_ended", "40"),
                Fixtures.shown("354", "child_protection_plans_ended", "25", status: .rounded, reason: "rounded:base5"),
                Fixtures.suppressed("815", "child_protection_plans_ended"),
                Fixtures.shown("850", "child_protection_plans_ended", "100"),
            ], enrolled: ["350", "353", "354", "815", "850"])
        let c = try #require(plan.comparison("child_protection_plans_ended"))
        #expect(c.england.method == .sum)
        #expect(c.england.status == .interval)
        #expect(c.england.value == nil)
        #expect(c.england.bounds == Bounds(lower: 163, upper: nil))
        #expect(c.england.completeness == Completeness(expected: 5, reported: 4, shown: 3, suppressed: 1, unavailable: 0))
        let northWest = try #require(c.region("E12000002"))
        #expect(northWest.bounds == Bounds(lower: 63, upper: 67))
        #expect(northWest.completeness.expected == 3)
        #expect(northWest.completeness.reported == 2)
        #expect(c.region("E12000003")?.bounds == Bounds(lower: 0, upper: nil))
        let southEast = try #require(c.region("E12000008"))
        #expect(southEast.status == .exact)
        #expect(southEast.value == 100)
        #expect(c.site("354")?.bounds == Bounds(lower: 23, upper: 27))
        #expect(c.site("815")?.symbol == .confidential)
        #expect(c.site("815")?.value == nil)
        #expect(plan.withheld.isEmpty)
    }

    /// Polarity `neither`: rank 1 is the highest. Three ranked sites fall in quartiles 1, 2, 3.
    @Test func ranksAndQuartilesAmongReportingSites() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", "child_protection_plans_ended", "40"),
            Fixtures.shown("354", "child_protection_plans_ended", "25", status: .rounded, reason: "rounded:base5"),
            Fixtures.suppressed("815", "child_protection_plans_ended"),
            Fixtures.shown("850", "child_protection_plans_ended", "100"),
        ])
        let c = try #require(plan.comparison("child_protection_plans_ended"))
        #expect(c.site("850")?.rank == 1)
        #expect(c.site("353")?.rank == 2)
        #expect(c.site("354")?.rank == 3)
        #expect([c.site("850")?.quartile, c.site("353")?.quartile, c.site("354")?.quartile] == [1, 2, 3])
        #expect(c.site("850")?.rankedAmong == 3)
        #expect(c.site("815")?.rank == nil)
    }

    /// North Yorkshire: Total 30, male suppressed, female rounded 20 (18...22), no
    /// `not_known` cell (no row fell in it), so male is 8...12. Oldham publishes 50 = 15 + 35.
    @Test func breakdownAdditivityNarrowsASuppressedContributorSoundly() throws {
        let id = "child_protection_plans_at_31_march"
        let plan = try Fixtures.plan([
            Fixtures.shown("815", id, "30"),
            Fixtures.suppressed("815", id, breakdown: ["gender": "male"]),
            Fixtures.shown("815", id, "20", breakdown: ["gender": "female"], status: .rounded, reason: "rounded:base5"),
            Fixtures.shown("353", id, "50"),
            Fixtures.shown("353", id, "15", breakdown: ["gender": "male"]),
            Fixtures.shown("353", id, "35", breakdown: ["gender": "female"]),
        ])
        #expect(plan.comparison(id)?.england.value == 80)
        #expect(plan.comparison(id, breakdown: ["gender": "male"])?.england.bounds == Bounds(lower: 23, upper: 27))
        #expect(plan.comparison(id, breakdown: ["gender": "female"])?.england.bounds == Bounds(lower: 53, upper: 57))
    }

    /// Re-referrals at Oldham (30/150), Rochdale (50/200) and Hampshire (100/1000).
    static let rereferrals = [
        Fixtures.shown("353", "cin_rereferrals_within_12_months", "20", unit: .percentage, numerator: "30", denominator: "150"),
        Fixtures.shown("354", "cin_rereferrals_within_12_months", "25", unit: .percentage, numerator: "50", denominator: "200"),
        Fixtures.shown("850", "cin_rereferrals_within_12_months", "10", unit: .percentage, numerator: "100", denominator: "1000"),
    ]

    /// A site's numerator and denominator are its counts as published, rounded to base 5, so
    /// England pooled from them is not exact: 180/1350 = 13.33% is labelled `rounded`, with
    /// bounds 174/1356 ... 186/1344 (12.83% ... 13.84%) that hold the true figure. A site's
    /// 20% is shown to whole numbers: 19.5 ... 20.5, or narrower where its rounded counts say so.
    @Test func aPercentagePooledFromRoundedCountsIsLabelledRoundedWithBoundsNotExact() throws {
        let id = "cin_rereferrals_within_12_months"
        let plan = try Fixtures.plan(Self.rereferrals)
        let c = try #require(plan.comparison(id))
        #expect(c.england.status == .rounded)
        #expect(close(c.england.value, 100 * 180 / 1350))
        let bounds = try #require(c.england.bounds)
        #expect(close(bounds.lower, 100 * 174 / 1356) && close(bounds.upper, 100 * 186 / 1344))
        #expect(c.site("353")?.bounds == Bounds(lower: 19.5, upper: 20.5))
        // 10% of 1000: the rounded counts (98...102 of 998...1002) say more than the whole number.
        #expect(close(c.site("850")?.bounds?.lower, 100 * 98 / 1002) && close(c.site("850")?.bounds?.upper, 100 * 102 / 998))
        #expect(c.england.shownSites == nil, "every site is shown, so England itself is the comparator")
    }

    /// A rate is computed from the site's rounded count, so only that count's range says where
    /// the true rate is: 500 (498 ... 502) in 50,000 is 99.6 ... 100.4 per 10,000.
    @Test func aSiteRateFromARoundedCountHasTheCountsRangeAsItsBounds() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", "cin_referral_rate", "100", unit: .ratePer10000, numerator: "500", denominator: "50000")
        ])
        let site = try #require(plan.comparison("cin_referral_rate")?.site("353"))
        #expect(close(site.bounds?.lower, 99.6) && close(site.bounds?.upper, 100.4))
    }

    /// Re-referrals (lower is better): 30/150, 50/200, 100/1000 pool to 180/1350 = 13.33%,
    /// Wilson 11.62...15.25. Oldham's 14.38...27.11 lies above England: worse; Hampshire's
    /// 8.29...12.02 lies below: better.
    @Test func percentagesPoolWithWilsonIntervalsAndSignificanceByPolarity() throws {
        let id = "cin_rereferrals_within_12_months"
        let plan = try Fixtures.plan(Self.rereferrals)
        let c = try #require(plan.comparison(id))
        #expect(c.england.method == .pooledRatio)
        #expect(c.england.numerator == 180)
        #expect(c.england.denominator == 1350)
        #expect(close(c.england.value, 100 * 180 / 1350))
        #expect(close(c.england.confidenceInterval?.lower, 11.623632159))
        #expect(close(c.england.confidenceInterval?.upper, 15.251114249))
        #expect(close(c.region("E12000002")?.value, 100 * 80 / 350))
        #expect(close(c.site("353")?.confidenceInterval?.lower, 14.384081582))
        #expect(c.site("353")?.significance == .worse)
        #expect(c.site("354")?.significance == .worse)
        #expect(c.site("850")?.significance == .better)
        #expect(c.site("850")?.rank == 1)
    }

    /// With North Yorkshire suppressed, England is 0...100% (its numerator and denominator are
    /// unknown), never a number. England over the sites shown pools the other three's published
    /// counts (180/1350 = 13.33%, Wilson 11.62...15.25), is labelled with those sites, and is what
    /// they are compared with: Oldham worse, Hampshire better, as in the test above.
    @Test func aSuppressedContributorMakesEnglandAnIntervalAndSitesAreComparedWithTheSitesShown() throws {
        let id = "cin_rereferrals_within_12_months"
        let plan = try Fixtures.plan(
            Self.rereferrals + [
                Fixtures.suppressed("815", id, unit: .percentage)
            ])
        let c = try #require(plan.comparison(id))
        #expect(c.england.status == .interval)
        #expect(c.england.value == nil)
        #expect(c.england.confidenceInterval == nil)
        let shown = try #require(c.england.shownSites)
        #expect(shown.status == .rounded, "pooled from the sites' rounded counts")
        #expect(shown.sites == ["353", "354", "850"])
        #expect(shown.numerator == 180 && shown.denominator == 1350)
        #expect(close(shown.confidenceInterval?.lower, 11.623632159))
        #expect(c.site("353")?.significance == .worse)
        #expect(c.site("850")?.significance == .better)
        #expect(c.site("815")?.significance == .notComputed)
        #expect(plan.ledgerEntries.contains { $0.figure.hasPrefix("national-shown:E92000001/\(id)/") })
    }

    @Test func anExactEnglandNeedsNoSitesShownFigure() throws {
        let id = "cin_rereferrals_within_12_months"
        let plan = try Fixtures.plan([
            Fixtures.shown("353", id, "20", unit: .percentage, numerator: "30", denominator: "150")
        ])
        #expect(try #require(plan.comparison(id)).england.shownSites == nil)
    }

    /// 500 referrals in 50,000 children: 100 per 10,000, Byar 457.13...545.81 → 91.43...109.16.
    @Test func ratesUseByarsInterval() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", "cin_referral_rate", "100", unit: .ratePer10000, numerator: "500", denominator: "50000")
        ])
        let ci = try #require(plan.comparison("cin_referral_rate")?.site("353")?.confidenceInterval)
        #expect(ci.method == .byar)
        #expect(close(ci.lower, 91.425564142, within: 1e-6))
        #expect(close(ci.upper, 109.161975170, within: 1e-6))
    }

    /// Money: the unweighted mean of the sites that showed a value (1200 and 1500), with their
    /// range; the suppressed site counts in completeness only.
    @Test func moneyIsAnUnweightedMeanWithItsRange() throws {
        let id = "placement_weekly_cost_median"
        let plan = try Fixtures.plan(
            [
                Fixtures.shown("353", id, "1200", unit: .gbpPerWeek),
                Fixtures.shown("354", id, "1500", unit: .gbpPerWeek),
                Fixtures.suppressed("815", id, unit: .gbpPerWeek),
            ].map {
                var c = $0
                c.cell.period = "2024-25"
                return c
            })
        let c = try #require(plan.comparison(id))
        #expect(c.england.method == .unweightedMean)
        #expect(c.england.value == 1350)
        #expect(c.england.range == Bounds(lower: 1200, upper: 1500))
        #expect(c.england.confidenceInterval == nil)
        #expect(c.england.completeness.suppressed == 1)
        #expect(c.site("353")?.rank == 1)
    }

    /// Oldham's 2025 neighbours include Bolton (350) and Rochdale (354); only those reported.
    @Test func neighbourAverageSaysWhichNeighboursReported() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", "child_protection_plans_ended", "40"),
            Fixtures.shown("350", "child_protection_plans_ended", "30"),
            Fixtures.shown("354", "child_protection_plans_ended", "50"),
            Fixtures.suppressed("380", "child_protection_plans_ended"),
        ])
        let average = try #require(plan.comparison("child_protection_plans_ended")?.site("353")?.neighbours)
        #expect(average.neighbours.count == 10)
        #expect(average.included == ["350", "354"])
        #expect(average.method == .unweightedMean)
        #expect(average.value == 40)
    }
}
