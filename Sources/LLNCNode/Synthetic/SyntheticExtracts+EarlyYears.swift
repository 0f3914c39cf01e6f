/// Early-years extracts and population denominators. Children of a birth cohort are shared
/// between datasets (the 2-year-old review, the funded place, the EYFSP three years later),
/// and children already known to social care appear in them too, so linkage has work to do.
extension SyntheticExtracts {
    /// Children born in `range`: those already simulated plus new ones up to a cohort's share.
    mutating func cohort(bornIn range: ClosedRange<CalendarDay>, withUPN: Bool) -> [Int] {
        let target = spec.children / 18 * (range.upperBound.ordinal - range.lowerBound.ordinal + 1) / 365
        var members = world.children.indices.filter { range.contains(world.children[$0].dob) }
        let span = range.upperBound.ordinal - range.lowerBound.ordinal
        while members.count < target {
            let dob = CalendarDay(ordinal: range.lowerBound.ordinal + simulation.rng.int(0...span))
            members.append(simulation.newChild(bornOn: dob, withUPN: withUPN))
        }
        return members
    }

    /// The LA's child id only for children known to children's services.
    func knownID(_ child: Int) -> String { child < socialCareChildren ? world.children[child].childID : "" }

    mutating func eyfsp(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["CHILD", "UPN", "SEX", "DOB", "ETHNIC", "FSM", "SEN"] + DatasetLayout.earlyLearningGoals)
        let born = CalendarDay(year: year - 6, month: 9, day: 1)!...CalendarDay(year: year - 5, month: 8, day: 31)!
        var rows = 0
        for child in cohort(bornIn: born, withUPN: true) {
            let c = world.children[child]
            if knownID(child).isEmpty && c.upn.hasPrefix("UN") { continue } // nothing to identify the row by
            let p = child < socialCareChildren ? 0.5 : (c.fsm ? 0.58 : 0.76)
            var scores = Array(repeating: "2", count: 17)
            if simulation.rng.chance(p) {
                for i in 12..<17 where simulation.rng.chance(0.05) { scores[i] = "1" }
            } else {
                for _ in 0..<simulation.rng.int(1...4) { scores[simulation.rng.int(0...11)] = "1" }
                for i in 12..<17 where simulation.rng.chance(0.25) { scores[i] = "1" }
            }
            let sen = simulation.rng.pick([("N", 85.0), ("K", 12), ("E", 3)])
            csv.append([knownID(child), c.upn, c.sex, c.dob.ddmmyyyy, c.ethnicity, c.fsm ? "1" : "0", sen] + scores)
            rows += 1
        }
        return ("eyfsp", csv, rows)
    }

    mutating func fundedTwoYearOlds(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["CHILD", "UPN", "DOB", "ELIGIBLE", "TAKEN_UP"])
        let born = CalendarDay(year: year - 3, month: 1, day: 1)!...CalendarDay(year: year - 3, month: 12, day: 31)!
        var rows = 0
        for child in cohort(bornIn: born, withUPN: true) where child < socialCareChildren || simulation.rng.chance(0.25) {
            let c = world.children[child]
            let takenUp = simulation.rng.chance(0.74)
            csv.append([knownID(child), takenUp ? c.upn : "", c.dob.ddmmyyyy, "1", takenUp ? "1" : "0"])
            rows += 1
        }
        return ("funded-2yo", csv, rows)
    }

    mutating func twoYearReviews(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["CHILD", "UPN", "SEX", "DOB", "REVIEW_DATE"] + DatasetLayout.asqDomains)
        let window = CollectionYear(year)
        let born = window.start.adding(days: -913)...window.end.adding(days: -735)
        var rows = 0
        for child in cohort(bornIn: born, withUPN: true) where simulation.rng.chance(0.78) {
            let c = world.children[child]
            let review = c.dob.adding(days: simulation.rng.int(735...913))
            guard window.contains(review) else { continue }
            let outcomes = DatasetLayout.asqDomains.map { _ in
                simulation.rng.pick([("A", 88.0), ("M", 7), ("B", 4), ("X", 1)])
            }
            csv.append([knownID(child), "", c.sex, c.dob.ddmmyyyy, review.ddmmyyyy] + outcomes)
            rows += 1
        }
        return ("asq3-review", csv, rows)
    }

    /// Single years of age 0-25 by sex, summing to about `children` for ages 0-17.
    mutating func population(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["LA", "AGE", "SEX", "POPULATION"])
        for age in 0...25 {
            for sex in ["1", "2"] {
                let share = Double(spec.children) / 18 * (sex == "1" ? 0.512 : 0.488)
                let drift = 1 + Double(year - spec.lastYear) * 0.004 + (simulation.rng.unit() - 0.5) * 0.04
                csv.append([String(spec.site), String(age), sex, String(Int(share * drift))])
            }
        }
        return ("ons-population", csv, 52)
    }
}
