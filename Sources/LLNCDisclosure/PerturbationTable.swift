#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lookup table of the cell-key method (as ONS and ABS build theirs): for each true count,
/// a distribution of integer noise in [−maximumDeviation, maximumDeviation] with mean zero
/// and the requested variance, stored as cumulative probabilities. A cell's key, scaled to
/// [0, 1), picks the noise by inverse CDF, so the same cell always gets the same noise.
///
/// Counts of zero are never perturbed (a structural zero stays zero); a count c below the
/// maximum deviation gets noise no lower than −c, so no published count is negative. For
/// such small counts the variance is at most c × maximumDeviation and is capped there.
public struct PerturbationTable: Sendable, Hashable {
    public let maximumDeviation: Int
    public let variance: Double
    /// rows[c] for c in 0...maximumDeviation; larger counts use the last row.
    let rows: [[Step]]

    struct Step: Sendable, Hashable {
        var noise: Int
        var cumulative: Double
    }

    public init(maximumDeviation: Int, variance: Double) throws {
        guard maximumDeviation >= 1, maximumDeviation <= 50 else {
            throw DisclosureError.invalidPolicy(reason: "maximumDeviation must be 1 to 50 (it is \(maximumDeviation))")
        }
        let uniform = Double(maximumDeviation * (maximumDeviation + 1)) / 3
        guard variance > 0, variance < uniform else {
            throw DisclosureError.invalidPolicy(
                reason: "variance must be above 0 and below \(uniform), the variance of uniform noise on ±\(maximumDeviation)")
        }
        self.maximumDeviation = maximumDeviation
        self.variance = variance
        var rows: [[Step]] = [[Step(noise: 0, cumulative: 1)]]
        for count in 1...maximumDeviation {
            rows.append(Self.row(lowest: -min(count, maximumDeviation), highest: maximumDeviation, variance: variance))
        }
        self.rows = rows
    }

    /// Noise for a cell of true `count` whose key, divided by the key range, is `fraction`.
    public func noise(count: Int, fraction: Double) -> Int {
        let row = rows[min(max(count, 0), maximumDeviation)]
        return row.first { fraction < $0.cumulative }?.noise ?? row[row.count - 1].noise
    }

    /// The probabilities of one row, for inspection and tests.
    public func distribution(count: Int) -> [(noise: Int, probability: Double)] {
        let row = rows[min(max(count, 0), maximumDeviation)]
        return row.enumerated().map { i, step in (step.noise, step.cumulative - (i > 0 ? row[i - 1].cumulative : 0)) }
    }

    /// p(v) ∝ exp(−v²/2s² + t·v) on [lowest, highest]: t makes the mean zero, s is searched
    /// so the variance matches (or is as close as the support allows).
    private static func row(lowest: Int, highest: Int, variance: Double) -> [Step] {
        let support = Array(lowest...highest)
        func weights(_ s: Double, _ t: Double) -> [Double] {
            support.map { v in exp(-Double(v * v) / (2 * s * s) + t * Double(v)) }
        }
        func moments(_ s: Double, _ t: Double) -> (mean: Double, variance: Double) {
            let w = weights(s, t)
            let total = w.reduce(0, +)
            let mean = zip(support, w).reduce(0) { $0 + Double($1.0) * $1.1 } / total
            let second = zip(support, w).reduce(0) { $0 + Double($1.0 * $1.0) * $1.1 } / total
            return (mean, second - mean * mean)
        }
        func centred(_ s: Double) -> Double {
            var low = -30.0
            var high = 30.0
            for _ in 0..<80 {
                let mid = (low + high) / 2
                if moments(s, mid).mean > 0 { high = mid } else { low = mid }
            }
            return (low + high) / 2
        }
        var low = 0.05
        var high = 200.0
        for _ in 0..<60 {
            let mid = (low + high) / 2
            if moments(mid, centred(mid)).variance > variance { high = mid } else { low = mid }
        }
        let s = (low + high) / 2
        let w = weights(s, centred(s))
        let total = w.reduce(0, +)
        var cumulative = 0.0
        var steps: [Step] = []
        for (v, weight) in zip(support, w) {
            cumulative += weight / total
            steps.append(Step(noise: v, cumulative: cumulative))
        }
        steps[steps.count - 1].cumulative = 1
        return steps
    }
}
