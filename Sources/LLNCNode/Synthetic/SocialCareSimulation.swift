import Foundation

/// Simulates referrals, assessments, section 47 enquiries, protection plans and periods in
/// care day by day in collection-year steps, at national-level rates per 10,000 children.
struct SocialCareSimulation {
    let spec: SyntheticSiteSpec
    var rng: SeededRandom
    var world = SyntheticWorld()
    /// The last closure date of each child's referrals (nil while one is open); only looked
    /// up, never iterated, so the output does not depend on dictionary order.
    private var referralOpenUntil: [Int: CalendarDay?] = [:]
    private var inCareUntil: [Int: CalendarDay] = [:]
    private var recentlyClosed: [Int] = []
    private var nextDetailsID = 1

    init(spec: SyntheticSiteSpec, rng: SeededRandom) {
        self.spec = spec
        self.rng = rng
    }

    /// Referrals per 10,000 children a year; a fifth or so are re-referrals within a year.
    static let referralRate = 550.0
    static let reReferralShare = 0.22

    mutating func run(years: ClosedRange<Int>) -> SyntheticWorld {
        let perTenThousand = Double(spec.children) / 10_000
        // Stays average under two years once capped at 18, so starts of rate/1.8 a year keep the
        // stock at 31 March near the site's rate.
        let careStartShare = spec.lookedAfterRate / 1.8 / Self.referralRate
        for year in years {
            let window = CollectionYear(year)
            let count = rng.count(mean: Self.referralRate * perTenThousand)
            let dates = (0..<count).map { _ in window.start.adding(days: rng.int(0...364)) }.sorted()
            for date in dates {
                let child = reReferralCandidate(on: date) ?? newChild(referredOn: date)
                referral(child, on: date, careStartShare: careStartShare)
            }
        }
        return world
    }

    /// A new child. `withUPN` forces a real UPN (a school-age child in an education extract).
    mutating func newChild(bornOn dob: CalendarDay, withUPN: Bool = false) -> Int {
        let index = world.children.count
        let serial = index + 1
        let id = spec.canaries ? "\(SyntheticSiteSpec.canaryChildPrefix)\(serial)" : "\(spec.site)\(100_000 + serial)"
        let upn: String
        if !withUPN && rng.chance(0.04) {
            upn = "UN\(rng.int(1...5))"
        } else if spec.canaries {
            let digits = String(100_000_000 + serial).suffix(8)
            upn = "\(SyntheticSiteSpec.canaryUPNPrefix)\(digits)\(rng.int(0...9))"
        } else {
            // Letter, LA number, two-digit year of school entry, a six-digit serial, a digit:
            // unique per child, shaped as a UPN (the check letter is not computed).
            let letter = Character(UnicodeScalar(UInt8(65 + rng.int(0...25))))
            let year = String(100 + (dob.year + 5) % 100).suffix(2)
            let digits = String(1_000_000 + serial).suffix(6)
            upn = "\(letter)\(spec.site)\(year)\(digits)\(rng.int(0...9))"
        }
        world.children.append(
            SyntheticChild(
                childID: id, upn: upn, dob: dob, sex: rng.chance(0.51) ? "1" : "2",
                ethnicity: rng.pick(SyntheticMix.ethnicity), fsm: rng.chance(0.24)))
        return index
    }

    private mutating func newChild(referredOn date: CalendarDay) -> Int {
        let age = rng.pick([(0, 10.0), (rng.int(1...4), 20), (rng.int(5...9), 27), (rng.int(10...15), 33), (rng.int(16...17), 10)])
        return newChild(bornOn: date.adding(days: -(age * 365 + rng.int(0...364))))
    }

    /// A child whose last referral closed in the past year and who has none open.
    private mutating func reReferralCandidate(on date: CalendarDay) -> Int? {
        guard rng.chance(Self.reReferralShare), !recentlyClosed.isEmpty else { return nil }
        for _ in 0..<8 {
            let lower = max(0, recentlyClosed.count - 400)
            let child = recentlyClosed[rng.int(lower...(recentlyClosed.count - 1))]
            if let closed = referralOpenUntil[child] ?? nil, closed < date, closed.ordinal >= date.ordinal - 365,
                world.children[child].dob.age(on: date) < 17
            {
                return child
            }
        }
        return nil
    }

    private mutating func referral(_ child: Int, on date: CalendarDay, careStartShare: Double) {
        let nfa = rng.chance(0.08)
        let length = nfa ? 0 : rng.int(30...300)
        var closure: CalendarDay? = date.adding(days: length)
        var referral = SyntheticReferral(
            child: child, detailsID: nextDetailsID, date: date, closure: closure,
            closureReason: nfa ? "RC8" : rng.pick(SyntheticMix.closureReason), source: rng.pick(SyntheticMix.referralSource),
            need: rng.pick(SyntheticMix.need), noFurtherAction: nfa)
        nextDetailsID += 1
        if !nfa {
            let start = date.adding(days: rng.int(0...5))
            let factors = (0..<rng.int(1...3)).map { _ in rng.element(SyntheticMix.factors) }
            referral.assessment = (start, start.adding(days: rng.int(10...min(45, length))), Array(Set(factors)).sorted())
            if rng.chance(0.3) {
                let s47 = start.adding(days: rng.int(0...5))
                let conference = rng.chance(0.45) ? s47.adding(days: rng.int(5...15)) : nil
                referral.section47 = (s47, conference)
                if let conference, rng.chance(0.8) {
                    let end = conference.adding(days: rng.int(90...540))
                    let initial = rng.pick(SyntheticMix.abuse)
                    referral.plan = (conference, end, initial, rng.chance(0.85) ? initial : rng.pick(SyntheticMix.abuse))
                    closure = end.adding(days: rng.int(0...60))
                }
            }
        }
        let age = world.children[child].dob.age(on: date)
        if !nfa, age < 17, inCareUntil[child].map({ $0 < date }) ?? true, rng.chance(careStartShare) {
            let careStart = date.adding(days: rng.int(1...40))
            let careEnd = periodInCare(child, from: careStart)
            if let c = closure, c < careEnd { closure = careEnd }
        }
        world.referrals.append(
            SyntheticReferral(
                child: child, detailsID: referral.detailsID, date: date, closure: closure, closureReason: referral.closureReason,
                source: referral.source, need: referral.need, noFurtherAction: nfa,
                assessment: referral.assessment, section47: referral.section47, plan: referral.plan))
        referralOpenUntil[child] = .some(closure)
        recentlyClosed.append(child)
    }

    /// A period in care as a chain of episodes; returns the day it ends.
    private mutating func periodInCare(_ child: Int, from start: CalendarDay) -> CalendarDay {
        let dob = world.children[child].dob
        let eighteenth = CalendarDay(year: dob.year + 18, month: dob.month, day: min(dob.day, 28))!
        let stay = Int(-900 * log(1 - rng.unit())) + 7
        let end = min(start.adding(days: stay), eighteenth)
        let legal = rng.pick(SyntheticMix.legalStatus)
        let home = "XX\(rng.int(1...20))"
        var day = start
        var first = true
        while day < end {
            let stint = Int(-420 * log(1 - rng.unit())) + 14
            let next = min(day.adding(days: stint), end)
            let (place, providers, cost) = rng.pick(SyntheticMix.placement)
            let placeCode = (place.hasPrefix("A") && dob.age(on: day) >= 5) || (place == "H5" && dob.age(on: day) < 16) ? "U4" : place
            world.episodes.append(
                SyntheticEpisode(
                    child: child, start: day, end: next, rne: first ? "S" : "P", legalStatus: legal, need: "N\(rng.int(1...8))",
                    place: placeCode, provider: rng.pick(providers), rec: next == end ? nil : "X1",
                    reasonPlaceChange: first ? nil : rng.pick(SyntheticMix.reasonPlaceChange), homeDistrict: home,
                    weeklyCost: cost * (0.7 + 0.6 * rng.unit())))
            first = false
            day = next
        }
        let last = world.episodes.count - 1
        let age = dob.age(on: end)
        world.episodes[last].rec =
            end == eighteenth
            ? "E8"
            : (age < 8 && rng.chance(0.3) ? rng.pick([("E11", 4.0), ("E12", 1)]) : rng.pick(SyntheticMix.ceaseReason))
        // A child who leaves care twice at 16+ is one care leaver, from the first time.
        if age >= 16, !world.careLeavers.contains(where: { $0.child == child }) {
            world.careLeavers.append(SyntheticCareLeaver(child: child, leftCare: end))
        }
        inCareUntil[child] = end
        return end
    }
}
