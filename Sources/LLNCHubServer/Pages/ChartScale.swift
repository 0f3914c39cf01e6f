import Foundation
import LLNCHubCore

/// Maps figures to SVG coordinates along one axis, with "nice" tick values (1, 2 or 5 times
/// a power of ten) so an axis reads 0, 20, 40 rather than 0, 17.3, 34.6.
struct ChartScale: Sendable {
    let lower: Double
    let upper: Double
    let start: Double
    let end: Double

    /// A scale over `values` (padded by 5% each side), drawn from `start` to `end` pixels.
    init(covering values: [Double], from start: Double, to end: Double, includeZero: Bool = false) {
        var low = values.min() ?? 0
        var high = values.max() ?? 1
        if includeZero { low = min(low, 0) }
        if high - low < 1e-9 {
            low -= 1
            high += 1
        }
        let pad = (high - low) * 0.05
        let step = Self.step(for: high - low + 2 * pad)
        lower = includeZero && low >= 0 ? 0 : ((low - pad) / step).rounded(.down) * step
        upper = ((high + pad) / step).rounded(.up) * step
        self.start = start
        self.end = end
    }

    func callAsFunction(_ value: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }

    /// Tick values from `lower` to `upper`, about five of them.
    var ticks: [Double] {
        let step = Self.step(for: upper - lower)
        var values: [Double] = []
        var value = (lower / step).rounded(.up) * step
        while value <= upper + step * 1e-6 {
            values.append(abs(value) < step * 1e-6 ? 0 : value)
            value += step
        }
        return values
    }

    static func step(for span: Double) -> Double {
        let rough = span / 5
        let power = pow(10, (log10(rough)).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * power >= rough { return multiple * power }
        return 10 * power
    }
}

/// SVG number text: one decimal place is finer than a pixel needs.
func svg(_ value: Double) -> String { String(format: "%.1f", value) }

/// An axis tick as a template draws it.
struct ChartTick: Sendable {
    let position: String
    let label: String
}

extension ChartScale {
    func ticks(label: (Double) -> String) -> [ChartTick] {
        ticks.map { ChartTick(position: svg(self($0)), label: label($0)) }
    }
}

/// How a site's significance against England is drawn: a colour *and* a shape *and* words,
/// so nobody needs to tell colours apart (GOV.UK-like green, red, dark grey, blue).
enum SignificanceMark {
    /// The CSS class, which sets the colour.
    static func style(_ significance: String?) -> String {
        switch significance {
        case "better": "sig-better"
        case "worse": "sig-worse"
        case "similar": "sig-similar"
        case "higher", "lower": "sig-neutral"
        default: "sig-none"
        }
    }

    static func words(_ significance: String?) -> String {
        switch significance {
        case "better": "Better than England"
        case "worse": "Worse than England"
        case "similar": "Similar to England"
        case "higher": "Higher than England"
        case "lower": "Lower than England"
        default: "Not compared"
        }
    }

    /// An SVG path of the marker centred on (x, y): circle better, square worse, diamond
    /// similar, triangles higher/lower, a small ring when not compared.
    static func marker(_ significance: String?, x: Double, y: Double, size r: Double = 6) -> String {
        switch significance {
        case "worse":
            return "M\(svg(x - r)) \(svg(y - r))h\(svg(2 * r))v\(svg(2 * r))h\(svg(-2 * r))Z"
        case "similar":
            return "M\(svg(x)) \(svg(y - r * 1.3))L\(svg(x + r * 1.3)) \(svg(y))L\(svg(x)) \(svg(y + r * 1.3))L\(svg(x - r * 1.3)) \(svg(y))Z"
        case "higher":
            return "M\(svg(x)) \(svg(y - r * 1.2))L\(svg(x + r * 1.2)) \(svg(y + r))L\(svg(x - r * 1.2)) \(svg(y + r))Z"
        case "lower":
            return "M\(svg(x)) \(svg(y + r * 1.2))L\(svg(x + r * 1.2)) \(svg(y - r))L\(svg(x - r * 1.2)) \(svg(y - r))Z"
        default:
            return "M\(svg(x - r)) \(svg(y))a\(svg(r)) \(svg(r)) 0 1 0 \(svg(2 * r)) 0a\(svg(r)) \(svg(r)) 0 1 0 \(svg(-2 * r)) 0Z"
        }
    }
}
