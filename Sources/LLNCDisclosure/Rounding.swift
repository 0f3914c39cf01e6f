/// Rounding of counts to a base, always from the unrounded value (never recomputed from
/// other rounded cells), and the interval an attacker learns from a rounded figure.
enum Rounding {
    /// Nearest multiple of `base`, halves rounded up: 7 → 5, 8 → 10 (base 5); 15 → 20 (base 10).
    static func round(_ value: Double, base: Int) -> Double {
        let b = Double(base)
        return (value / b + 0.5).rounded(.down) * b
    }

    /// Every non-negative integer that rounds to `published`: [r − ⌊b/2⌋, r + ⌈b/2⌉ − 1].
    static func interval(published: Double, base: Int) -> (lower: Double, upper: Double) {
        let lower = max(0, published - Double(base / 2))
        let upper = published + Double((base + 1) / 2 - 1)
        return (lower, upper)
    }

    /// A percentage rounded to `places` decimals, and the band of true fractions behind it.
    static func percentage(numerator: Double, denominator: Double, places: Int) -> (value: Double, lowerFraction: Double, upperFraction: Double) {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let exact = 100 * numerator / denominator
        let value = (exact * scale + 0.5).rounded(.down) / scale
        let half = 0.5 / scale
        return (value, max(0, value - half) / 100, (value + half) / 100)
    }
}
