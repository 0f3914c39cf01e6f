import Foundation
import LLNCComparison
import LLNCHubCore
import LLNCProtocol

/// The site profile's spine chart: one row per indicator, England in the middle, the range
/// of every site's shown value as a grey bar (darker between the quartiles), and the site as
/// a marker coloured and shaped by its significance. Each row is oriented so that better is
/// to the right (Fingertips' convention); for polarity `neither`, higher is to the right.
struct SpineChart: Sendable {
    struct Row: Sendable {
        let title: String
        let y: String
        let barY: String
        let labelY: String
        let rangeFrom: String
        let rangeWidth: String
        let quartileFrom: String
        let quartileWidth: String
        let hasSite: Bool
        let marker: String
        let style: String
        let words: String
    }

    static let width = 760.0
    static let centre = 545.0
    static let halfWidth = 195.0
    static let rowHeight = 30.0
    static let top = 30.0

    let rows: [Row]
    let height: String
    let centreX: String
    let lineBottom: String

    init(site laNumber: String, comparisons: [Comparison], titles: [String: String]) {
        var rows: [Row] = []
        for comparison in comparisons {
            guard let site = comparison.sites.first(where: { $0.laNumber == laNumber }), let england = comparison.england.comparator?.value
            else { continue }
            let values = comparison.sites.compactMap(\.value).sorted()
            guard let lowest = values.first, let highest = values.last else { continue }
            let flip = comparison.polarity == .lowerIsBetter ? -1.0 : 1.0
            let reach = max(abs(england - lowest), abs(highest - england), 1e-9)
            let x = { (value: Double) in Self.centre + flip * (value - england) / reach * Self.halfWidth }
            let q1 = Self.quantile(values, 0.25)
            let q3 = Self.quantile(values, 0.75)
            let (rangeA, rangeB) = (min(x(lowest), x(highest)), max(x(lowest), x(highest)))
            let (quartA, quartB) = (min(x(q1), x(q3)), max(x(q1), x(q3)))
            let y = Self.top + Self.rowHeight * (Double(rows.count) + 0.5)
            let significance = site.significance == .notComputed ? nil : site.significance.rawValue
            rows.append(
                Row(
                    title: Self.label(titles[comparison.indicator] ?? comparison.indicator), y: svg(y), barY: svg(y - 7), labelY: svg(y + 4),
                    rangeFrom: svg(rangeA), rangeWidth: svg(max(rangeB - rangeA, 1)), quartileFrom: svg(quartA),
                    quartileWidth: svg(max(quartB - quartA, 1)), hasSite: site.value != nil,
                    marker: SignificanceMark.marker(significance, x: x(site.value ?? england), y: y),
                    style: SignificanceMark.style(significance), words: SignificanceMark.words(significance)))
        }
        self.rows = rows
        let bottom = Self.top + Self.rowHeight * Double(max(rows.count, 1))
        height = svg(bottom + 20)
        centreX = svg(Self.centre)
        lineBottom = svg(bottom)
    }

    /// A row's label, cut to fit left of the bars (the table beside it has the whole title).
    static func label(_ title: String) -> String {
        title.count <= 46 ? title : String(title.prefix(44)) + "\u{2026}"
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard sorted.count > 1 else { return sorted.first ?? 0 }
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = Int(position.rounded(.up))
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
}

/// The trend chart: England and (optionally) one site over the released periods, oldest on
/// the left. An exact figure is a point on the line; an interval is a vertical bar with no
/// line through it; a figure not shown leaves a gap.
struct TrendChart: Sendable {
    struct Line: Sendable {
        let name: String
        let style: String
        let segments: [String]
        let dots: [Dot]
        let bars: [Bar]
    }

    struct Dot: Sendable {
        let x: String
        let y: String
    }

    struct Bar: Sendable {
        let x: String
        let from: String
        let to: String
    }

    static let width = 760.0
    static let left = 70.0
    static let right = 730.0
    static let top = 20.0
    static let bottom = 300.0

    let lines: [Line]
    let periods: [ChartTick]
    let yTicks: [ChartTick]
    let labelY: String

    /// `series`: (name, CSS class, one figure per period or nil).
    init(periods: [String], series: [(String, String, [SiteProfile.Figure?])], unit: Cell.Unit) {
        let number = { (text: String?) in text.flatMap(Double.init) }
        var values: [Double] = []
        for (_, _, figures) in series {
            for figure in figures.compactMap({ $0 }) {
                values += [number(figure.value), number(figure.lower), number(figure.upper)].compactMap { $0 }
            }
        }
        let y = ChartScale(covering: values.isEmpty ? [0, 1] : values, from: Self.bottom, to: Self.top, includeZero: values.allSatisfy { $0 >= 0 })
        let step = periods.count > 1 ? (Self.right - Self.left - 40) / Double(periods.count - 1) : 0
        let x = { (index: Int) in periods.count > 1 ? Self.left + 20 + step * Double(index) : (Self.left + Self.right) / 2 }
        lines = series.map { name, style, figures in
            var segments: [String] = []
            var current = ""
            var dots: [Dot] = []
            var bars: [Bar] = []
            for (index, figure) in figures.enumerated() {
                if let value = number(figure?.value) {
                    current += "\(current.isEmpty ? "M" : "L")\(svg(x(index))) \(svg(y(value)))"
                    dots.append(Dot(x: svg(x(index)), y: svg(y(value))))
                    continue
                }
                if !current.isEmpty { segments.append(current) }
                current = ""
                if let lower = number(figure?.lower) {
                    let upper = number(figure?.upper) ?? y.upper
                    bars.append(Bar(x: svg(x(index)), from: svg(y(lower)), to: svg(y(upper))))
                }
            }
            if !current.isEmpty { segments.append(current) }
            return Line(name: name, style: style, segments: segments, dots: dots, bars: bars)
        }
        self.periods = periods.indices.map { ChartTick(position: svg(x($0)), label: periods[$0]) }
        yTicks = y.ticks { FigureText.format($0, unit: unit) }
        labelY = svg(Self.bottom + 22)
    }
}
