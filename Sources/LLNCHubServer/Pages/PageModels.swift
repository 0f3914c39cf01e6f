import Foundation
import LLNCComparison
import LLNCHubCore
import LLNCProtocol

/// A link as a template shows it.
struct PageLink: Sendable {
    let label: String
    let href: String
}

/// An option of a `<select>`.
struct PageOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// Page paths, with every path segment and query value percent-encoded.
enum PagePath {
    static func comparison(_ indicator: String, _ period: String) -> String {
        "/pages/indicators/\(segment(indicator))/\(segment(period))"
    }

    static func profile(_ la: String, period: String? = nil) -> String {
        "/pages/sites/\(segment(la))" + (period.map { "?period=\(segment($0))" } ?? "")
    }

    static func trend(_ indicator: String, site: String? = nil) -> String {
        "/pages/trends/\(segment(indicator))" + (site.map { "?site=\(segment($0))" } ?? "")
    }

    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? ""
    }
}

/// Words for the catalogue's codes.
enum PageWords {
    static func unit(_ unit: String) -> String {
        switch unit {
        case "count": "number"
        case "percentage": "percentage"
        case "rate_per_10000": "rate per 10,000 children"
        case "gbp": "pounds"
        case "gbp_per_week": "pounds per week"
        case "days": "days"
        default: unit
        }
    }

    static func polarity(_ polarity: String) -> String {
        switch polarity {
        case "higher_is_better": "Higher is better."
        case "lower_is_better": "Lower is better."
        default: "Neither higher nor lower is better."
        }
    }
}

/// `GET /pages/indicators?q=`.
struct IndicatorListPage: Sendable {
    struct Row: Sendable {
        let id: String
        let title: String
        let unitText: String
        let polarityText: String
        let periods: [PageLink]
        let trendHref: String
    }

    let page: PageFrame
    let query: String
    let summary: String
    let hasResults: Bool
    let indicators: [Row]

    init(frame: PageFrame, query: String, indicators all: [IndicatorMetadata]) {
        page = frame
        self.query = query
        let words = query.lowercased().split(separator: " ").map(String.init)
        let matching = all.filter { indicator in
            let text = "\(indicator.id) \(indicator.title) \(indicator.description)".lowercased()
            return words.allSatisfy { text.contains($0) }
        }
        indicators = matching.map { indicator in
            Row(
                id: indicator.id, title: indicator.title, unitText: PageWords.unit(indicator.unit),
                polarityText: PageWords.polarity(indicator.polarity),
                periods: indicator.periods.sorted(by: >).map { PageLink(label: $0, href: PagePath.comparison(indicator.id, $0)) },
                trendHref: PagePath.trend(indicator.id))
        }
        hasResults = !matching.isEmpty
        switch (query.isEmpty, matching.count) {
        case (true, 0): summary = "No figures have been released yet."
        case (true, let count): summary = "\(count) indicators have released figures."
        case (false, 0): summary = "No indicator matches \u{201C}\(query)\u{201D}. Try fewer or shorter words."
        case (false, let count): summary = "\(count) indicator\(count == 1 ? "" : "s") match \u{201C}\(query)\u{201D}."
        }
    }
}

/// `GET /pages/indicators/{indicator}/{period}`.
struct ComparisonPage: Sendable {
    struct Row: Sendable {
        let name: String
        let laNumber: String
        let profileHref: String
        let figure: FigureCell
        let denominator: String
        let style: String
        let words: String
        let rank: String
    }

    let page: PageFrame
    let title: String
    let description: String
    let period: String
    let releaseID: String
    let breakdownText: String?
    let unitText: String
    let polarityText: String
    let england: FigureCell
    let englandInterval: String?
    /// When England is an interval: England over the sites shown, which sites are compared with.
    let englandShownSites: String?
    let englandDenominator: String
    let englandShown: Int
    let englandExpected: Int
    let periods: [PageLink]
    let trendHref: String
    /// The GET form that narrows the sites to one region (England's figure stays).
    let formAction: String
    let breakdownParameter: String?
    let regions: [PageOption]
    let ranked: RankedChart
    let funnel: FunnelPlot?
    let rows: [Row]

    /// - Parameters:
    ///   - comparison: as shown (perhaps narrowed to one region);
    ///   - regions: every region of the whole comparison, to choose from.
    init(
        frame: PageFrame, metadata: IndicatorMetadata?, releaseID: String, comparison: Comparison, regions all: [Aggregate],
        region: String?, breakdownParameter: String?
    ) {
        page = frame
        formAction = PagePath.comparison(comparison.indicator, comparison.period)
        self.breakdownParameter = breakdownParameter
        regions = all.sorted { $0.name < $1.name }.map { PageOption(value: $0.code, label: $0.name, selected: $0.code == region) }
        let unit = comparison.unit
        title = metadata?.title ?? comparison.indicator
        description = metadata?.description ?? ""
        period = comparison.period
        self.releaseID = releaseID
        let breakdown = Cell.breakdownText(comparison.breakdown)
        breakdownText = breakdown.isEmpty ? nil : breakdown
        unitText = PageWords.unit(unit.rawValue).prefix(1).uppercased() + PageWords.unit(unit.rawValue).dropFirst()
        polarityText = PageWords.polarity(comparison.polarity.rawValue)
        let englandFigure = SiteProfile.Figure(aggregate: comparison.england, unit: unit)
        england = FigureCell(englandFigure)
        englandInterval = england.interval.isEmpty ? nil : england.interval
        englandShownSites = englandFigure.shownSitesValue.map { value in
            var text = "\(value) over the \(comparison.england.shownSites?.sites.count ?? 0) authorities whose figures are shown"
            if let lower = englandFigure.shownSitesCILower, let upper = englandFigure.shownSitesCIUpper {
                text += " (95% confidence interval \(lower) to \(upper))"
            }
            return text
        }
        englandDenominator = comparison.england.denominator.map { FigureText.format($0, unit: .count) } ?? ""
        englandShown = comparison.england.completeness.shown
        englandExpected = comparison.england.completeness.expected
        periods = (metadata?.periods ?? [comparison.period]).sorted(by: >).map {
            PageLink(label: $0, href: PagePath.comparison(comparison.indicator, $0))
        }
        trendHref = PagePath.trend(comparison.indicator)
        ranked = RankedChart(comparison)
        funnel = FunnelPlot(comparison)
        rows = comparison.sites.sorted { ($0.rank ?? Int.max, $0.name) < ($1.rank ?? Int.max, $1.name) }.map { site in
            let significance = site.significance == .notComputed ? nil : site.significance.rawValue
            return Row(
                name: site.name, laNumber: site.laNumber, profileHref: PagePath.profile(site.laNumber, period: comparison.period),
                figure: FigureCell(SiteProfile.Figure(site: site, unit: unit)),
                denominator: site.denominator.map { FigureText.format($0, unit: .count) } ?? "",
                style: SignificanceMark.style(significance), words: SignificanceMark.words(significance),
                rank: site.rank.map { "\($0) of \(site.rankedAmong ?? 0)" } ?? "")
        }
    }
}

/// `GET /pages/sites/{la}?period=`.
struct ProfilePage: Sendable {
    struct Row: Sendable {
        let title: String
        let unitText: String
        let comparisonHref: String
        let site: FigureCell
        let england: FigureCell
        let region: FigureCell
        let neighbours: FigureCell
        let style: String
        let words: String
    }

    let page: PageFrame
    let name: String
    let period: String
    let releaseID: String
    let regionName: String?
    let spine: SpineChart
    let rows: [Row]

    init(frame: PageFrame, profile: SiteProfile, comparisons: [Comparison]) {
        page = frame
        name = "\(profile.laName ?? "Local authority") (\(profile.laNumber))"
        period = profile.period
        releaseID = profile.releaseID
        regionName = profile.regionName
        let titles = Dictionary(profile.rows.map { ($0.indicator, $0.title) }, uniquingKeysWith: { a, _ in a })
        spine = SpineChart(site: profile.laNumber, comparisons: comparisons.sorted { $0.indicator < $1.indicator }, titles: titles)
        rows = profile.rows.map { row in
            Row(
                title: row.title, unitText: PageWords.unit(row.unit), comparisonHref: PagePath.comparison(row.indicator, profile.period),
                site: FigureCell(row.site), england: FigureCell(row.england), region: FigureCell(row.region),
                neighbours: FigureCell(row.neighbours), style: SignificanceMark.style(row.significance),
                words: SignificanceMark.words(row.significance))
        }
    }
}
