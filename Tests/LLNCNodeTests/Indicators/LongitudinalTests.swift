import Testing

@testable import LLNCNode

/// Indicators that follow a child across rows and years by the pseudonymised child key.
@Suite(.timeLimit(.minutes(10)))
struct LongitudinalTests {
    @Test func reReferralsLookBackTwelveMonthsAcrossYears() throws {
        let f = try IndicatorFixture()
        func referral(_ child: String, _ date: String, year: Int) throws {
            try f.insert("cin_referral", year: year, ["child": child, "referral_date": date, "referral_source": "1A", "referral_nfa": "0"])
        }
        try referral("a", "2023-06-01", year: 2024)
        try referral("a", "2024-05-01", year: 2025) // 11 months after: a re-referral
        try referral("b", "2023-06-30", year: 2024)
        try referral("b", "2024-07-01", year: 2025) // 12 months and a day: not
        try referral("c", "2024-12-01", year: 2025)
        try referral("c", "2025-01-10", year: 2025) // a re-referral within the year
        let cell = try #require(try f.compute("cin_rereferrals_within_12_months").cell())
        #expect(cell.localNumerator == "2" && cell.localDenominator == "4" && cell.localValue == "50")
    }

    @Test func threeOrMorePlacementsCountEpisodesOtherThanLegalChanges() throws {
        let f = try IndicatorFixture()
        let episodes = [("a", "S"), ("a", "P"), ("a", "P"), ("b", "S"), ("b", "L"), ("b", "P"), ("c", "S")]
        for (n, (child, rne)) in episodes.enumerated() {
            try f.insert(
                "ssda903_episode", year: 2025,
                [
                    "child": child, "decom": "2024-0\(n + 1)-01", "rne": rne, "ls": "C2",
                    "cin": "N1", "place": "U1",
                ])
        }
        let cell = try #require(try f.compute("placement_stability_three_or_more").cell())
        #expect(cell.localNumerator == "1" && cell.localDenominator == "3")
    }

    @Test func longTermStabilityFollowsEpisodesBackThroughEarlierYears() throws {
        let f = try IndicatorFixture()
        func episode(_ child: String, _ start: String, _ rne: String, year: Int, end: String? = nil) throws {
            try f.insert(
                "ssda903_episode", year: year,
                [
                    "child": child, "decom": start, "rne": rne, "ls": "C2", "cin": "N1",
                    "place": "U4", "dec": end,
                ])
        }
        try episode("a", "2021-01-01", "S", year: 2021, end: "2022-01-01")
        try episode("a", "2022-01-01", "P", year: 2022, end: "2023-05-01")
        try episode("a", "2023-05-01", "T", year: 2025) // same carer: the carer has not changed since 2022
        try episode("b", "2022-01-01", "S", year: 2022, end: "2024-01-01")
        try episode("b", "2024-01-01", "P", year: 2025) // new carer in 2024
        try episode("c", "2023-01-01", "S", year: 2025) // in care less than 2½ years
        try episode("d", "2020-01-01", "S", year: 2025) // 16 at 31 March
        for (child, born) in [("a", "2012-01"), ("b", "2014-05"), ("c", "2013-01"), ("d", "2008-06")] {
            try f.insert("ssda903_header", year: 2025, ["child": child, "sex": "1", "birth_month": born, "ethnicity": "WBRI"])
        }
        let cell = try #require(try f.compute("placement_stability_long_term").cell())
        #expect(cell.localDenominator == "2", "a and b: under 16 and in care since before October 2022")
        #expect(cell.localNumerator == "1", "only a has had the same carer since before April 2023")
    }

    @Test func theFlowMatrixLinksEachChildsStateAtTwoYearEnds() throws {
        let f = try IndicatorFixture()
        try f.insert("cin_referral", year: 2024, ["child": "a", "referral_date": "2023-06-01", "referral_source": "1A", "referral_nfa": "0"])
        try f.insert("ssda903_episode", year: 2025, ["child": "a", "decom": "2024-10-01", "rne": "S", "ls": "C2", "cin": "N1", "place": "U1"])
        try f.insert("cin_protection_plan", year: 2024, ["child": "b", "start_date": "2023-09-01", "initial_category": "NEG"])
        try f.insert("cin_referral", year: 2024, ["child": "b", "referral_date": "2023-08-01", "referral_source": "1A", "referral_nfa": "0"])
        try f.insert("cin_referral", year: 2025, ["child": "c", "referral_date": "2025-01-01", "referral_source": "1A", "referral_nfa": "0"])
        try f.insert("cin_child", year: 2025, ["child": "a", "birth_month": "2015-01", "gender": "1"])
        try f.insert("cin_child", year: 2025, ["child": "c", "birth_month": "2024-01", "gender": "2"])
        let cells = try f.compute("state_transitions")
        #expect(cells.local() == "3")
        #expect(cells.local(["from_state": "child_in_need", "to_state": "looked_after:foster", "age_band": "10-16"]) == "1")
        #expect(
            cells.local(["from_state": "child_protection_plan", "to_state": "not_open", "age_band": "unknown"]) == "1",
            "on a plan and in need: the plan takes precedence")
        #expect(cells.local(["from_state": "not_open", "to_state": "child_in_need", "age_band": "1-5"]) == "1")
        #expect(cells.local(["from_state": "looked_after", "to_state": "Total", "age_band": "Total"]) == "0")
        #expect(cells.local(["from_state": "Total", "to_state": "looked_after", "age_band": "Total"]) == "1")
    }
}
