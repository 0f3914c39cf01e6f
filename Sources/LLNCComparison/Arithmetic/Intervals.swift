import Foundation

/// 95% confidence intervals for the figures the hub compares (hub/COMPARISONS.md, "Confidence
/// intervals"). Pure functions of published counts.
public enum Intervals {
    /// The standard normal quantile for 97.5%: a two-sided 95% interval.
    public static let z = 1.959963984540054

    /// Wilson score interval for the proportion `numerator / denominator`, as fractions
    /// (multiply by 100 for a percentage). nil when the denominator is not positive or the
    /// numerator is outside 0...denominator.
    public static func wilson(numerator x: Double, denominator n: Double) -> (lower: Double, upper: Double)? {
        guard n > 0, x >= 0, x <= n else { return nil }
        let p = x / n
        let z2 = z * z
        let centre = p + z2 / (2 * n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let scale = 1 + z2 / n
        return (max(0, (centre - half) / scale), min(1, (centre + half) / scale))
    }

    /// The 95% interval for the mean of a Poisson count observed as `count`: the exact interval
    /// (from the Poisson distribution itself) below 10, Byar's approximation from 10 up, where
    /// it agrees with the exact one to within a fraction of a percent (as public health
    /// profiles do). Divide by the population and scale for a rate.
    public static func poisson(count o: Double) -> (lower: Double, upper: Double, method: ConfidenceInterval.Method)? {
        guard o >= 0, o == o.rounded() else { return nil }
        if o < 10 {
            let (lower, upper) = exactPoisson(count: Int(o))
            return (lower, upper, .exactPoisson)
        }
        let lower = o * pow(1 - 1 / (9 * o) - z / (3 * o.squareRoot()), 3)
        let o1 = o + 1
        let upper = o1 * pow(1 - 1 / (9 * o1) + z / (3 * o1.squareRoot()), 3)
        return (lower, upper, .byar)
    }

    /// Exact Poisson limits: the mean λ at which seeing `count` or more (lower limit), or
    /// `count` or fewer (upper limit), has probability 2.5%. Found by bisection on the
    /// Poisson distribution function, which is monotone in λ.
    static func exactPoisson(count o: Int) -> (lower: Double, upper: Double) {
        let tail = (1 - 0.95) / 2
        let lower = o == 0 ? 0 : bisect { lambda in 1 - poissonCDF(o - 1, lambda) < tail }
        let upper = bisect { lambda in poissonCDF(o, lambda) > tail }
        return (lower, upper)
    }

    /// P(X ≤ k) for X ~ Poisson(λ), summed in a numerically safe order.
    static func poissonCDF(_ k: Int, _ lambda: Double) -> Double {
        guard k >= 0 else { return 0 }
        var term = exp(-lambda)
        var sum = term
        if k > 0 {
            for i in 1...k {
                term *= lambda / Double(i)
                sum += term
            }
        }
        return min(1, sum)
    }

    /// The boundary λ in [0, 200] where `below(λ)` turns from true to false.
    private static func bisect(_ below: (Double) -> Bool) -> Double {
        var lo = 0.0
        var hi = 200.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if below(mid) { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
