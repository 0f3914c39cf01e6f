/// The CIN census tables of one collection year: every episode of need open at some time in
/// the year, with what happened in it up to 31 March.
extension SyntheticExtracts {
    func referralsOpen(in year: Int) -> [SyntheticReferral] {
        let window = CollectionYear(year)
        return world.referrals.filter { $0.date <= window.end && ($0.closure ?? window.end) >= window.start }
    }

    func cinChildren(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["LAchildID", "UPN", "PersonBirthDate", "GenderCurrent", "PersonDeathDate"])
        var seen = Set<Int>()
        for r in referralsOpen(in: year) where seen.insert(r.child).inserted {
            let c = world.children[r.child]
            csv.append([c.childID, c.upn, c.dob.ddmmyyyy, c.sex, ""])
        }
        return ("cin-children", csv, seen.count)
    }

    func cinDetails(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: [
            "LAchildID", "CINdetailsID", "CINreferralDate", "ReferralSource", "PrimaryNeedCode",
            "CINclosureDate", "ReasonForClosure", "ReferralNFA",
        ])
        let referrals = referralsOpen(in: year)
        for r in referrals {
            let closure = shown(r.closure, year)
            csv.append([
                world.children[r.child].childID, String(r.detailsID), r.date.ddmmyyyy, r.source, r.need, closure,
                closure.isEmpty ? "" : (r.closureReason ?? ""), r.noFurtherAction ? "1" : "0",
            ])
        }
        return ("cin-details", csv, referrals.count)
    }

    func cinAssessments(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: [
            "LAchildID", "CINdetailsID", "AssessmentActualStartDate", "AssessmentAuthorisationDate",
            "AssessmentFactors",
        ])
        var rows = 0
        let window = CollectionYear(year)
        for r in referralsOpen(in: year) {
            guard let a = r.assessment, a.start <= window.end, a.authorised >= window.start else { continue }
            let factors = a.factors.filter { CodeLists.assessmentFactor.canonical($0, in: year) != nil }
            csv.append([
                world.children[r.child].childID, String(r.detailsID), a.start.ddmmyyyy, shown(a.authorised, year),
                factors.joined(separator: ","),
            ])
            rows += 1
        }
        return ("cin-assessments", csv, rows)
    }

    func cinSection47(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["LAchildID", "CINdetailsID", "S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"])
        var rows = 0
        let window = CollectionYear(year)
        for r in referralsOpen(in: year) {
            guard let s = r.section47, s.start <= window.end, (s.conference ?? s.start) >= window.start else { continue }
            csv.append([
                world.children[r.child].childID, String(r.detailsID), s.start.ddmmyyyy, shown(s.conference, year),
                s.conference == nil ? "1" : "0",
            ])
            rows += 1
        }
        return ("cin-section47", csv, rows)
    }

    func cinPlans(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: [
            "LAchildID", "CINdetailsID", "CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse",
            "LatestCategoryOfAbuse", "NumberOfPreviousCPP",
        ])
        var rows = 0
        let window = CollectionYear(year)
        for r in referralsOpen(in: year) {
            guard let p = r.plan, p.start <= window.end, (p.end ?? window.end) >= window.start else { continue }
            csv.append([
                world.children[r.child].childID, String(r.detailsID), p.start.ddmmyyyy, shown(p.end, year),
                p.initial, p.latest, "0",
            ])
            rows += 1
        }
        return ("cin-cp-plans", csv, rows)
    }
}
