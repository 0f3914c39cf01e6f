import LLNCComparison
import LLNCHubCore
import LLNCProtocol

/// `GET /pages/trends/{indicator}?site=`: England, and one local authority if asked, over
/// every released period whose definition is comparable with the newest.
struct TrendPage: Sendable {
    struct SiteOption: Sendable {
        let laNumber: String
        let name: String
        let selected: Bool
    }

    struct Row: Sendable {
        let period: String
        let href: String
        let england: FigureCell
        let hasSite: Bool
        let site: FigureCell
    }

    let page: PageFrame
    let title: String
    let breakdownText: String?
    let formAction: String
    let sites: [SiteOption]
    let siteName: String?
    let chartHeading: String
    let chart: TrendChart
    let notComparable: String?
    let rows: [Row]

    /// - Parameter sites: every site in the newest comparison, to choose from.
    init(frame: PageFrame, title: String, series: SeriesAnswer, sites choices: [SiteFigure]) {
        page = frame
        self.title = title
        breakdownText = series.breakdown.isEmpty ? nil : series.breakdown
        formAction = PagePath.trend(series.indicator)
        sites = choices.sorted { $0.name < $1.name }.map {
            SiteOption(laNumber: $0.laNumber, name: $0.name, selected: $0.laNumber == series.site)
        }
        let chosen = choices.first { $0.laNumber == series.site }
        siteName = chosen.map { $0.name }
        chartHeading = chosen.map { "\($0.name) and England over time" } ?? "England over time"
        let unit = Cell.Unit(rawValue: series.unit) ?? .count
        var lines: [(String, String, [SiteProfile.Figure?])] = [("England", "england", series.points.map(\.england))]
        if let chosen { lines.append((chosen.name, "site", series.points.map(\.site))) }
        chart = TrendChart(periods: series.points.map(\.period), series: lines, unit: unit)
        notComparable = series.notComparable.isEmpty ? nil : series.notComparable.map(\.period).joined(separator: ", ")
        rows = series.points.map { point in
            Row(
                period: point.period, href: PagePath.comparison(series.indicator, point.period), england: FigureCell(point.england),
                hasSite: chosen != nil, site: FigureCell(point.site))
        }
    }
}
