import Foundation
import LLNCComparison
import LLNCHubCore
import LLNCProtocol

/// The comparison page's ranked chart: one row per site with a shown value, best first,
/// its 95% confidence interval as a whisker and a vertical line at England's value.
struct RankedChart: Sendable {
    struct Row: Sendable {
        let name: String
        let y: String
        let labelY: String
        let x: String
        let whisker: Bool
        let ciFrom: String
        let ciTo: String
        let marker: String
        let style: String
        let words: String
        let value: String
    }

    static let width = 760.0
    static let plotLeft = 220.0
    static let plotRight = 730.0
    static let rowHeight = 24.0
    static let top = 30.0

    let rows: [Row]
    let ticks: [ChartTick]
    let height: String
    let axisY: String
    let tickLabelY: String
    let englandX: String
    let hasEngland: Bool
    let englandLabel: String
    let isEmpty: Bool

    init(_ comparison: Comparison) {
        let shown = comparison.sites.filter { $0.value != nil }.sorted {
            ($0.rank ?? Int.max, $0.name) < ($1.rank ?? Int.max, $1.name)
        }
        var values = shown.compactMap(\.value)
        values += shown.compactMap(\.confidenceInterval).flatMap { [$0.lower, $0.upper] }
        if let england = comparison.england.comparator?.value { values.append(england) }
        let scale = ChartScale(covering: values, from: Self.plotLeft, to: Self.plotRight, includeZero: values.allSatisfy { $0 >= 0 })
        let unit = comparison.unit
        rows = shown.enumerated().map { index, site in
            let y = Self.top + Self.rowHeight * (Double(index) + 0.5)
            let value = site.value ?? 0
            let significance = site.significance == .notComputed ? nil : site.significance.rawValue
            return Row(
                name: "\(site.name) (\(site.laNumber))", y: svg(y), labelY: svg(y + 4), x: svg(scale(value)),
                whisker: site.confidenceInterval != nil, ciFrom: svg(scale(site.confidenceInterval?.lower ?? value)),
                ciTo: svg(scale(site.confidenceInterval?.upper ?? value)),
                marker: SignificanceMark.marker(significance, x: scale(value), y: y), style: SignificanceMark.style(significance),
                words: SignificanceMark.words(significance), value: FigureText.format(value, unit: unit))
        }
        let bottom = Self.top + Self.rowHeight * Double(max(shown.count, 1))
        ticks = scale.ticks { FigureText.format($0, unit: unit) }
        height = svg(bottom + 40)
        axisY = svg(bottom + 4)
        tickLabelY = svg(bottom + 22)
        let england = comparison.england.comparator
        hasEngland = england != nil
        englandX = svg(scale(england?.value ?? scale.lower))
        englandLabel = england.map { "\(comparison.england.comparatorName) \(FigureText.format($0.value, unit: unit))" } ?? ""
        isEmpty = shown.isEmpty
    }
}

/// The funnel plot: each site's value against its denominator, with the 95% and 99.8%
/// control limits around England's value. A site outside the 99.8% funnel differs from
/// England by more than chance alone would usually explain, whatever its size.
///
/// Limits use the normal approximation: for a percentage p, p ± z·√(p(1−p)/n); for a rate
/// r per 10,000, r ± z·√(r·10,000/n). z is 1.96 (95%) or 3.09 (99.8%).
struct FunnelPlot: Sendable {
    struct Point: Sendable {
        let name: String
        let x: String
        let y: String
        let marker: String
        let style: String
    }

    struct Limit: Sendable {
        let path: String
        let style: String
    }

    static let width = 760.0
    static let height = 420.0
    static let left = 70.0
    static let right = 730.0
    static let top = 20.0
    static let bottom = 370.0

    let points: [Point]
    let limits: [Limit]
    let xTicks: [ChartTick]
    let yTicks: [ChartTick]
    let englandY: String
    let isEmpty: Bool

    /// `nil` when the unit has no funnel (counts, money, days) or England has no exact
    /// comparator (its value, or its value over the sites shown).
    init?(_ comparison: Comparison) {
        guard comparison.unit == .percentage || comparison.unit == .ratePer10000, let england = comparison.england.comparator?.value
        else { return nil }
        let unit = comparison.unit
        let plotted = comparison.sites.filter { ($0.denominator ?? 0) > 0 && $0.value != nil }
        let maxDenominator = max(plotted.compactMap(\.denominator).max() ?? 100, 10)
        let spread = { (n: Double, z: Double) -> Double in
            switch unit {
            case .percentage:
                let p = england / 100
                return 100 * z * (p * (1 - p) / n).squareRoot()
            default:
                return z * (england * 10_000 / n).squareRoot()
            }
        }
        let x = ChartScale(covering: [0, maxDenominator], from: Self.left, to: Self.right, includeZero: true)
        let firstN = max(x.upper / 120, 1)
        let samples = (0...60).map { firstN + (x.upper - firstN) * Double($0) / 60 }
        var yValues = plotted.compactMap(\.value) + [england]
        yValues += [england - spread(samples[5], 3.09), england + spread(samples[5], 3.09)]
        let floor = unit == .percentage ? 0.0 : 0.0
        let ceiling = unit == .percentage ? 100.0 : Double.infinity
        let y = ChartScale(covering: yValues.map { min(max($0, floor), ceiling) }, from: Self.bottom, to: Self.top)
        var limits: [Limit] = []
        for (z, style) in [(1.96, "limit-95"), (3.09, "limit-998")] {
            for sign in [1.0, -1.0] {
                let path: String = samples.enumerated().map { index, n in
                    let value = min(max(england + sign * spread(n, z), max(floor, y.lower)), min(ceiling, y.upper))
                    return "\(index == 0 ? "M" : "L")\(svg(x(n))) \(svg(y(value)))"
                }.joined(separator: "")
                limits.append(Limit(path: path, style: style))
            }
        }
        self.limits = limits
        points = plotted.map { site in
            let significance = site.significance == .notComputed ? nil : site.significance.rawValue
            let px = x(site.denominator ?? 0)
            let py = y(site.value ?? 0)
            return Point(
                name: site.name, x: svg(px), y: svg(py), marker: SignificanceMark.marker(significance, x: px, y: py, size: 5),
                style: SignificanceMark.style(significance))
        }
        xTicks = x.ticks { String(Int($0)) }
        yTicks = y.ticks { FigureText.format($0, unit: unit) }
        englandY = svg(y(england))
        isEmpty = plotted.isEmpty
    }
}
