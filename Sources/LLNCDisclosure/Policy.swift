/// The rules a table is protected by. The defaults are the programme's: threshold 10,
/// zeros disclosive in sensitive tables, rounding to 5 (10 for regional and national cells),
/// percentages only with numerator ≥ 10 and denominator − numerator ≥ 10, dominance (2, 90%)
/// and p% = 10 for magnitude tables, and absolute protection of ±5 for every suppressed count.
public struct Policy: Sendable, Hashable {
    /// Counts 1 ..< threshold are primary-suppressed (and, for magnitude cells, cells with
    /// 1 ..< threshold contributors).
    public var threshold: Int = 10
    /// Site-level counts are rounded to this base; nil publishes exact counts.
    public var roundingBase: Int? = 5
    /// Regional and national counts (any geography dimension above its leaf level) round to
    /// this base; nil uses `roundingBase`.
    public var aggregateRoundingBase: Int? = 10
    /// A percentage is published only when its numerator is at least this...
    public var percentageMinimumNumerator: Int = 10
    /// ...and its denominator exceeds the numerator by at least this.
    public var percentageMinimumRemainder: Int = 10
    /// Published percentages are rounded to this many decimal places.
    public var percentageDecimalPlaces: Int = 0
    /// n,k dominance: a magnitude cell whose `dominanceN` largest contributors make up more
    /// than `dominanceK` percent of it is suppressed.
    public var dominanceN: Int = 2
    public var dominanceK: Double = 90
    /// p% rule: suppressed when the second largest contributor could estimate the largest to
    /// within p percent (value − largest − second < p% × largest).
    public var pPercent: Double = 10
    /// Absolute protection: an attacker's feasible interval for a suppressed count of true
    /// value x must contain [max(0, x − margin), x + margin].
    public var protectionMargin: Double = 5
    /// Relative protection for magnitude cells: the interval must contain x ± ratio × x.
    public var magnitudeProtectionRatio: Double = 0.10
    /// Seconds one audit may spend attacking counts with whole numbers (branch and bound)
    /// after the linear attack: counts are integers, and an integer attacker can narrow a cell
    /// the linear relaxation cannot. Most cells are settled by whole-valued points the linear
    /// attack already found, so the time goes only to the rest; a cell not reached in time
    /// keeps its linear verdict and is counted in the audit (`integerUnchecked`). 0 turns the
    /// integer attack off.
    public var integerAttackSeconds: Double = 30

    public init() {}

    public static let `default` = Policy()

    /// Rejects settings that would make the rules meaningless, so a typo in a policy file
    /// cannot silently publish everything.
    public func validate() throws {
        func fail(_ reason: String) throws -> Never { throw DisclosureError.invalidPolicy(reason: reason) }
        if threshold < 1 { try fail("threshold must be 1 or more (it is \(threshold))") }
        if let base = roundingBase, base < 1 { try fail("roundingBase must be 1 or more") }
        if let base = aggregateRoundingBase, base < 1 { try fail("aggregateRoundingBase must be 1 or more") }
        if percentageMinimumNumerator < 1 || percentageMinimumRemainder < 0 {
            try fail("percentage minimums must be positive")
        }
        if !(0...6).contains(percentageDecimalPlaces) { try fail("percentageDecimalPlaces must be 0 to 6") }
        if dominanceN < 1 || !(0...100).contains(dominanceK) { try fail("dominance needs n ≥ 1 and 0 ≤ k ≤ 100") }
        if !(0...100).contains(pPercent) { try fail("pPercent must be between 0 and 100") }
        if !(protectionMargin >= 0) { try fail("protectionMargin must be 0 or more") }
        if !(magnitudeProtectionRatio >= 0) { try fail("magnitudeProtectionRatio must be 0 or more") }
        if !(integerAttackSeconds >= 0 && integerAttackSeconds <= 3_600) {
            try fail("integerAttackSeconds must be between 0 (off) and 3600")
        }
    }

    /// The rounding base for a cell, or nil when counts are published exactly.
    func roundingBase(siteLevel: Bool) -> Int? {
        siteLevel ? roundingBase : (aggregateRoundingBase ?? roundingBase)
    }
}
