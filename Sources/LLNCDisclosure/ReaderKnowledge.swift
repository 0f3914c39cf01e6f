/// What the published rules themselves tell a reader. The policy is public (PROTECT.md and
/// the catalogue say it), so an attacker knows more from a shown figure than its rounding
/// interval: with threshold 10, every count from 1 to 9 is suppressed wherever it occurs, so a
/// shown 10 is 10 to 12 (not 8 to 12) and a shown 0 is exactly 0 (not 0 to 2). The node's
/// secondary suppression, the node's audit and the hub's release re-check all ask here, so
/// the protection and the attack model the same reader.
extension Policy {
    /// Every count consistent with a frequency cell shown as `shown` at `base` (nil: shown
    /// exactly). `zerosShown` is false for sensitive tables, where a zero is never published.
    /// The result is an interval over the set of consistent integers (the LP relaxation of
    /// "0, or at least the threshold").
    public func possibleCounts(shown: Double, base: Int?, zerosShown: Bool = true) -> (lower: Double, upper: Double) {
        let plain: (lower: Double, upper: Double) = base.map { Rounding.interval(published: shown, base: $0) } ?? (shown, shown)
        return consistent(with: plain, zerosShown: zerosShown, allowZero: true) ?? plain
    }

    /// Every count consistent with a cell shown as `low` (not zero, but rounds to zero).
    public func possibleCountsOfLow(base: Int) -> (lower: Double, upper: Double) {
        let plain = (lower: 1.0, upper: Rounding.interval(published: 0, base: base).upper)
        return consistent(with: plain, zerosShown: false, allowZero: false) ?? plain
    }

    /// A published percentage says its numerator is at least this and its denominator
    /// exceeds the numerator by at least `percentageMinimumRemainder`.
    public var shownPercentageNumeratorAtLeast: Double { Double(max(percentageMinimumNumerator, threshold)) }

    /// `plain` with the counts the threshold rule never shows removed: 1 ..< threshold, and 0
    /// unless zeros are shown. Nil when nothing is left (a figure these rules cannot produce).
    private func consistent(with plain: (lower: Double, upper: Double), zerosShown: Bool, allowZero: Bool) -> (lower: Double, upper: Double)? {
        let includesZero = allowZero && zerosShown && plain.lower <= 0
        let lowestNonZero = max(plain.lower, 1, Double(threshold))
        let hasNonZero = lowestNonZero <= plain.upper
        switch (includesZero, hasNonZero) {
        case (true, true): return (0, plain.upper)
        case (true, false): return (0, 0)
        case (false, true): return (lowestNonZero, plain.upper)
        case (false, false): return nil
        }
    }
}
