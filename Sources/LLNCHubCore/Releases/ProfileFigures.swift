import LLNCComparison
import LLNCProtocol

/// Turns released comparison figures into the profile's flat figures (decimal text).
extension SiteProfile.Figure {
    package init(site: SiteFigure, unit: Cell.Unit) {
        self.init(
            value: FigureText.format(site.value, unit: unit), status: site.status.rawValue, symbol: site.symbol?.rawValue,
            lower: site.bounds.map { FigureText.format($0.lower, unit: unit) },
            upper: site.bounds?.upper.map { FigureText.format($0, unit: unit) },
            ciLower: site.confidenceInterval.map { FigureText.format($0.lower, unit: unit) },
            ciUpper: site.confidenceInterval.map { FigureText.format($0.upper, unit: unit) })
    }

    package init(aggregate: Aggregate, unit: Cell.Unit) {
        self.init(
            value: aggregate.status.showsValue ? FigureText.format(aggregate.value, unit: unit) : nil,
            status: aggregate.status.rawValue, symbol: Self.symbol(aggregate.status), reason: aggregate.reason,
            lower: aggregate.bounds.map { FigureText.format($0.lower, unit: unit) },
            upper: aggregate.bounds?.upper.map { FigureText.format($0, unit: unit) },
            ciLower: aggregate.confidenceInterval.map { FigureText.format($0.lower, unit: unit) },
            ciUpper: aggregate.confidenceInterval.map { FigureText.format($0.upper, unit: unit) },
            reporting: aggregate.completeness.shown, expected: aggregate.completeness.expected)
        if let shown = aggregate.shownSites, shown.status.showsValue {
            shownSitesValue = FigureText.format(shown.value, unit: unit)
            shownSitesCILower = shown.confidenceInterval.map { FigureText.format($0.lower, unit: unit) }
            shownSitesCIUpper = shown.confidenceInterval.map { FigureText.format($0.upper, unit: unit) }
        }
    }

    package init(neighbours: NeighbourAverage, unit: Cell.Unit) {
        self.init(
            value: neighbours.status.showsValue ? FigureText.format(neighbours.value, unit: unit) : nil,
            status: neighbours.status.rawValue, symbol: Self.symbol(neighbours.status), reason: neighbours.reason,
            lower: neighbours.bounds.map { FigureText.format($0.lower, unit: unit) },
            upper: neighbours.bounds?.upper.map { FigureText.format($0, unit: unit) },
            reporting: neighbours.included.count, expected: neighbours.neighbours.count)
    }

    /// The EES symbol for a derived figure shown without a value.
    package static func symbol(_ status: FigureStatus) -> String? {
        switch status {
        case .exact, .rounded, .interval: nil
        case .withheld: "c"
        case .noData: "x"
        }
    }
}

extension SiteProfile.Row {
    package init(comparison: Comparison, site: SiteFigure, title: String) {
        let unit = comparison.unit
        self.init(
            indicator: comparison.indicator, title: title, unit: unit.rawValue, polarity: comparison.polarity.rawValue,
            breakdown: Cell.breakdownText(comparison.breakdown), site: SiteProfile.Figure(site: site, unit: unit),
            england: SiteProfile.Figure(aggregate: comparison.england, unit: unit),
            region: comparison.regions.first { $0.code == site.regionCode }.map { SiteProfile.Figure(aggregate: $0, unit: unit) },
            neighbours: site.neighbours.map { SiteProfile.Figure(neighbours: $0, unit: unit) },
            significance: site.significance == .notComputed ? nil : site.significance.rawValue, rank: site.rank,
            ranked: site.rankedAmong, quartile: site.quartile)
    }
}
