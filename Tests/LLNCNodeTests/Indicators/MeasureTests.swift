import Testing

@testable import LLNCNode

/// Each kind of measure against figures counted by hand from a few rows. Period 2024-25:
/// collection year 2025, 1 April 2024 to 31 March 2025 (September to August for academic years).
@Suite(.timeLimit(.minutes(10)))
struct MeasureTests {
    @Test func eventsAreRowsWhoseDateFallsInThePeriodByHierarchy() throws {
        let f = try IndicatorFixture()
        for (date, source) in [("2024-04-01", "6"), ("2024-06-10", "6"), ("2025-03-31", "2A"), ("2024-03-31", "2A"), ("2025-02-01", "5A")] {
            try f.insert("cin_referral", year: 2025, ["child": "c-\(date)", "referral_date": date, "referral_source": source, "referral_nfa": "0"])
        }
        try f.insert("cin_referral", year: 2024, ["child": "old", "referral_date": "2024-01-01", "referral_source": "6", "referral_nfa": "0"])
        let cells = try f.compute("cin_referrals")
        #expect(cells.local() == "4", "31 March 2024 belongs to the year before; 31 March 2025 to this one")
        #expect(cells.local(["referral_source": "from_police"]) == "2")
        #expect(cells.local(["referral_source": "police"]) == "2")
        #expect(cells.local(["referral_source": "schools"]) == "1")
        #expect(cells.local(["referral_source": "social_care"]) == "1")
        #expect(cells.local(["referral_source": "from_health"]) == "0")
    }

    @Test func distinctChildrenCountEachChildOnceWithTheirAgeAtTheEnd() throws {
        let f = try IndicatorFixture()
        let rows: [(String, String, String?)] = [
            ("a", "2024-05-01", nil), ("a", "2023-01-01", "2023-06-01"), // a: one open episode
            ("b", "2025-01-10", "2025-03-31"), // closed on the last day: not open at the end
            ("c", "2024-06-01", nil), ("c", "2024-09-01", nil), // two open: still one child
            ("d", "2024-07-01", nil), // no identifiers row: age unknown
        ]
        for (child, start, end) in rows {
            try f.insert(
                "cin_referral", year: 2025,
                [
                    "child": child, "referral_date": start, "closure_date": end,
                    "referral_source": "1A", "referral_nfa": "0",
                ])
        }
        try f.insert("cin_child", year: 2025, ["child": "a", "birth_month": "2020-06", "gender": "1"])
        try f.insert("cin_child", year: 2025, ["child": "c", "birth_month": "2010-03", "gender": "2"])
        let cells = try f.compute("children_in_need_at_31_march")
        #expect(cells.local() == "3")
        #expect(cells.local(["age_band": "1-5"]) == "1", "born June 2020: 4 at 31 March 2025")
        #expect(cells.local(["age_band": "10-16"]) == "1", "born March 2010: 15 at 31 March 2025")
        #expect(cells.local(["age_band": "unknown"]) == "1")
        #expect(cells.local(["age_band": "0-1"]) == "0")
    }

    @Test func percentagesDivideTheNumeratorByEveryoneCounted() throws {
        let f = try IndicatorFixture()
        let pupils: [(String, String?, String)] = [("1", "1", "1"), ("1", "0", "0"), ("2", "1", "1"), ("2", nil, "1")]
        for (sex, fsm, gld) in pupils {
            try f.insert("eyfsp_result", year: 2025, ["sex": sex, "fsm": fsm, "gld": gld, "birth_month": "2019-01"])
        }
        try f.insert("eyfsp_result", year: 2024, ["sex": "1", "fsm": "1", "gld": "0", "birth_month": "2018-01"])
        let cells = try f.compute("eyfsp_good_level_of_development")
        let overall = try #require(cells.cell())
        #expect(overall.localValue == "75" && overall.localNumerator == "3" && overall.localDenominator == "4")
        #expect(
            overall.cell.status == .suppressed,
            "whole groups in one category force suppressions in this small table; the exact figures are still computed")
        #expect(cells.local(["sex": "male", "fsm": "Total"]) == "50")
        #expect(cells.local(["sex": "female", "fsm": "Total"]) == "100")
        #expect(cells.local(["sex": "Total", "fsm": "not_recorded"]) == "100")
        #expect(cells.local(["sex": "male", "fsm": "eligible"]) == "100")
    }

    @Test func publishedPercentagesCarryRoundedCountsAndAreComputedFromExactOnes() throws {
        let f = try IndicatorFixture()
        for (sex, met, count) in [("1", "1", 30), ("1", "0", 10), ("2", "1", 24), ("2", "0", 16)] {
            for _ in 0..<count {
                try f.insert(
                    "asq3_review", year: 2025,
                    [
                        "sex": sex, "review_date": "2024-10-01", "birth_month": "2022-08",
                        "all_domains_expected": met,
                    ])
            }
        }
        let cells = try f.compute("asq3_all_domains_expected", policy: .default)
        let overall = try #require(cells.cell())
        #expect(overall.cell.status == .published && overall.cell.value == "68", "54 / 80 = 67.5%, rounded half up")
        #expect(overall.cell.numerator == "55" && overall.cell.denominator == "80", "counts leave rounded to base 5")
        #expect(overall.localNumerator == "54" && overall.localValue == "67.5", "the exact figures stay local")
        let female = try #require(cells.cell(["sex": "female"]))
        #expect(female.cell.value == "60" && female.cell.numerator == "25", "24 / 40 = 60%, not 25 / 40")
    }

    @Test func ratesAreCountsPer10000ChildrenAged0To17() throws {
        let f = try IndicatorFixture()
        for date in ["2024-04-01", "2024-06-10", "2025-03-31", "2025-02-01"] {
            try f.insert("cin_referral", year: 2025, ["child": date, "referral_date": date, "referral_source": "6", "referral_nfa": "0"])
        }
        for (age, sex, population) in [(0, "1", 1000), (17, "2", 1000), (18, "1", 500)] {
            try f.insert("ons_population", year: 2025, ["la": 353, "age": age, "sex": sex, "population": population])
        }
        let rate = try #require(try f.compute("cin_referral_rate").cell())
        #expect(rate.localValue == "20", "4 referrals / 2,000 children aged 0-17 × 10,000")
        #expect(rate.cell.value == "20" && rate.cell.numerator == "4" && rate.cell.denominator == "2000")
    }

    /// With the population public, a rate from the exact count would give the exact count
    /// back; the rate that leaves is computed from the rounded count that leaves.
    @Test func aRateLeavesComputedFromThePublishedCountNotTheExactOne() throws {
        let f = try IndicatorFixture()
        for day in 1...23 {
            let date = "2024-05-\(day < 10 ? "0" : "")\(day)"
            try f.insert("cin_referral", year: 2025, ["child": "c\(day)", "referral_date": date, "referral_source": "6", "referral_nfa": "0"])
        }
        try f.insert("ons_population", year: 2025, ["la": 353, "age": 5, "sex": "1", "population": 2000])
        var rounding = IndicatorFixture.exact
        rounding.roundingBase = 5
        let rate = try #require(try f.compute("cin_referral_rate", policy: rounding).cell())
        #expect(rate.localValue == "115", "23 / 2,000 × 10,000 stays local")
        #expect(rate.cell.numerator == "25" && rate.cell.value == "125", "25 (23 rounded to base 5) / 2,000 × 10,000; got \(rate.cell)")
    }

    @Test func sumsMeansAndMediansOfWeeklyCosts() throws {
        let f = try IndicatorFixture()
        let placements: [(String, String, String, Double)] = [
            ("x", "U1", "PR1", 300), ("x", "U1", "PR1", 200), ("y", "U4", "PR4", 500), ("z", "K2", "PR4", 5000),
        ]
        for (child, place, provider, cost) in placements {
            try f.insert("placement_cost", year: 2025, ["child": child, "place": place, "place_provider": provider, "weekly_cost": cost])
        }
        try f.insert("placement_cost", year: 2024, ["child": "w", "place": "U1", "place_provider": "PR1", "weekly_cost": 9999])
        let spend = try f.compute("placement_weekly_spend")
        #expect(spend.local() == "6000" && spend.local(["placement_group": "foster"]) == "1000")
        #expect(spend.local(["placement_group": "residential"]) == "5000")
        let mean = try f.compute("placement_weekly_unit_cost")
        #expect(mean.local() == "1500")
        #expect(mean.local(["placement_group": "foster", "provider": "Total"]) == "333.33")
        #expect(mean.local(["placement_group": "foster", "provider": "own_provision"]) == "250")
        let median = try f.compute("placement_weekly_cost_median")
        #expect(median.local() == "400", "200, 300, 500, 5000: the mean of the middle two")
        #expect(median.local(["placement_group": "foster"]) == "300")
    }
}
