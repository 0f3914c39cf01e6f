/// Cuts the simulated world into each collection year's extracts, as a site's systems would
/// export them: an episode still open at 31 March has no DEC, a case still open no closure.
struct SyntheticExtracts {
    var simulation: SocialCareSimulation
    /// Children simulated by social care; those added later (early years) come after.
    let socialCareChildren: Int

    init(simulation: SocialCareSimulation) {
        self.simulation = simulation
        self.socialCareChildren = simulation.world.children.count
    }

    var world: SyntheticWorld { simulation.world }
    var spec: SyntheticSiteSpec { simulation.spec }

    /// (dataset, file, data rows) for every dataset in `year`.
    mutating func files(for year: Int) -> [(String, CSVWriter, Int)] {
        [
            header903(year), episodes903(year), oc3(year),
            cinChildren(year), cinDetails(year), cinAssessments(year), cinSection47(year), cinPlans(year),
            eyfsp(year), fundedTwoYearOlds(year), twoYearReviews(year),
            careLeaverContacts(year), population(year), placementCosts(year), survey(year),
        ]
    }

    /// A date as an extract writes it, or blank when it falls after the year's end.
    func shown(_ day: CalendarDay?, _ year: Int) -> String {
        guard let day, day <= CollectionYear(year).end else { return "" }
        return day.ddmmyyyy
    }

    func episodesOpen(in year: Int) -> [SyntheticEpisode] {
        let window = CollectionYear(year)
        return world.episodes.filter { $0.start <= window.end && ($0.end ?? window.end) >= window.start }
    }

    private func header903(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"])
        var seen = Set<Int>()
        for episode in episodesOpen(in: year) where seen.insert(episode.child).inserted {
            let c = world.children[episode.child]
            let mother = c.sex == "2" && c.dob.age(on: CollectionYear(year).end) >= 15 && episode.child % 40 == 0
            let mcDOB = mother ? c.dob.adding(days: 15 * 365 + 200) : nil
            csv.append([
                c.childID, c.sex, c.dob.ddmmyyyy, c.ethnicity, c.upn,
                c.sex == "2" ? (mother ? "1" : "0") : "", mother ? shown(mcDOB, year) : "",
            ])
        }
        return ("903-header", csv, seen.count)
    }

    private func episodes903(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: [
            "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
            "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
        ])
        let episodes = episodesOpen(in: year)
        for e in episodes {
            let dec = shown(e.end, year)
            csv.append([
                world.children[e.child].childID, e.start.ddmmyyyy, e.rne, e.legalStatus, e.need, e.place,
                e.provider, dec, dec.isEmpty ? "" : (e.rec ?? ""), e.reasonPlaceChange ?? "",
                "\(e.homeDistrict) \(e.child % 9 + 1)AB", "", "",
            ])
        }
        return ("903-episodes", csv, episodes.count)
    }

    private mutating func oc3(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"])
        var rows = 0
        for leaver in world.careLeavers {
            let c = world.children[leaver.child]
            let birthday = birthdayInYear(c.dob, year)
            guard (17...21).contains(c.dob.age(on: birthday)), leaver.leftCare <= birthday else { continue }
            let (touch, activity, accommodation) = careLeaverStatus()
            csv.append([c.childID, c.dob.ddmmyyyy, touch, activity, accommodation])
            rows += 1
        }
        return ("903-oc3", csv, rows)
    }

    /// In touch, activity and accommodation at national-level shares.
    mutating func careLeaverStatus() -> (String, String, String) {
        let touch = simulation.rng.pick([("YES", 88.0), ("NO", 5), ("REFU", 3), ("NREQ", 2), ("RHOM", 1.5), ("DIED", 0.2)])
        guard touch == "YES" else { return (touch, "0", "0") }
        let kind = simulation.rng.pick(SyntheticMix.accommodationKind)
        return (touch, simulation.rng.pick(SyntheticMix.activity), kind + (simulation.rng.chance(0.88) ? "1" : "2"))
    }

    private mutating func careLeaverContacts(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: [
            "CHILD", "DOB", "CONTACT_DATE", "IN_TOUCH", "ACTIV", "ACCOM", "STAYING_PUT",
            "HOMELESS", "CUSTODY", "MISSING",
        ])
        var rows = 0
        let window = CollectionYear(year)
        for leaver in world.careLeavers {
            let c = world.children[leaver.child]
            let days = (0..<simulation.rng.int(1...3)).map { _ in window.start.adding(days: simulation.rng.int(0...364)) }
            for day in Set(days).sorted() where day > leaver.leftCare && (17...25).contains(c.dob.age(on: day)) {
                let (touch, activity, accommodation) = careLeaverStatus()
                let age = c.dob.age(on: day)
                func rng(_ p: Double) -> String { touch == "YES" ? (simulation.rng.chance(p) ? "1" : "0") : "" }
                csv.append([
                    c.childID, c.dob.ddmmyyyy, day.ddmmyyyy, touch, touch == "YES" ? activity : "",
                    touch == "YES" ? accommodation : "", age <= 20 ? rng(0.25) : rng(0), rng(0.03), rng(0.01), rng(0.02),
                ])
                rows += 1
            }
        }
        return ("care-leaver-contacts", csv, rows)
    }

    private mutating func placementCosts(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["CHILD", "PLACE", "PLACE_PROVIDER", "WEEKLY_COST", "START_DATE", "END_DATE"])
        var rows = 0
        let window = CollectionYear(year)
        for e in episodesOpen(in: year) where e.weeklyCost > 0 {
            let pence = Int((e.weeklyCost * 100).rounded())
            csv.append([
                world.children[e.child].childID, e.place, e.provider, "\(pence / 100).\(String(100 + pence % 100).suffix(2))",
                max(e.start, window.start).ddmmyyyy, min(e.end ?? window.end, window.end).ddmmyyyy,
            ])
            rows += 1
        }
        return ("placement-costs", csv, rows)
    }

    private static let comments = [
        "I want to see my brother more", "My carer listens to me", "I had too many social workers this year",
        "I like my school", "Nobody told me why I moved", "Please let me stay where I am",
    ]

    private mutating func survey(_ year: Int) -> (String, CSVWriter, Int) {
        var csv = CSVWriter(header: ["RESPONSE_ID", "CHILD", "SURVEY", "QUESTION", "ANSWER", "FREE_TEXT"])
        var seen = Set<Int>()
        let respondents = episodesOpen(in: year).filter { seen.insert($0.child).inserted && $0.child % 3 == 0 }
        var rows = 0
        for (n, e) in respondents.enumerated() {
            for question in 1...5 {
                let answer =
                    question == 5
                    ? (simulation.rng.chance(0.8) ? "yes" : "no")
                    : simulation.rng.pick([("agree", 60.0), ("neutral", 25), ("disagree", 15)])
                var text = question == 5 && simulation.rng.chance(0.4) ? simulation.rng.element(Self.comments) : ""
                if spec.canaries, !text.isEmpty { text += " \(SyntheticSiteSpec.canaryFreeText)" }
                csv.append(["R\(year)-\(n + 1)", world.children[e.child].childID, "voice-\(year)", "Q\(question)", answer, text])
                rows += 1
            }
        }
        return ("survey", csv, rows)
    }
}
