import Foundation
import LLNCComparison
import LLNCProtocol

/// `llnc-hub comparisons show`: released comparisons as a compact terminal table, one block
/// per indicator: England (value or interval, CI, completeness), then each site's value,
/// status and significance against England. Only released figures are shown.
public struct ComparisonsView: Sendable {
    /// Shown when no indicator is named: a few headline indicators, one per family.
    public static var headlines: [String] {
        [
            "looked_after_rate", "cin_referral_rate", "cin_rereferrals_within_12_months", "eyfsp_good_level_of_development",
            "care_leavers_in_education_employment_training",
        ]
    }

    public let store: any ReleaseStore
    public let synthetic: Bool

    public init(store: any ReleaseStore, synthetic: Bool = false) {
        self.store = store
        self.synthetic = synthetic
    }

    public func text(period: String, indicators requested: [String]) async throws -> String {
        let figures = PublishedFigures(store: store, synthetic: synthetic)
        let release = try await figures.release(period: period)
        let titles = Dictionary(try await figures.indicators().map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let overall = try await figures.overallComparisons(release)
        let wanted = requested.isEmpty ? Self.headlines : requested
        var lines: [String] = []
        if release.synthetic || synthetic { lines.append("SYNTHETIC DATA: made-up figures for a demonstration") }
        lines.append(
            "period \(period), release \(release.id): \(release.published) figures published, \(release.withheld) withheld by the hub's re-check")
        let shown = wanted.compactMap { id in overall.first { $0.indicator == id } }
        if shown.isEmpty {
            lines.append(
                "none of \(wanted.joined(separator: ", ")) is in this release; released: \(overall.map(\.indicator).sorted().joined(separator: ", "))"
            )
        }
        for comparison in shown {
            let unit = comparison.unit
            lines.append("")
            lines.append("\(comparison.indicator): \(titles[comparison.indicator] ?? "") (\(unit.rawValue), \(comparison.polarity.rawValue))")
            var rows = [["England", Self.text(SiteProfile.Figure(aggregate: comparison.england, unit: unit)), "", ""]]
            for site in comparison.sites.sorted(by: { $0.laNumber < $1.laNumber }) {
                rows.append([
                    "\(site.laNumber) \(site.name)", Self.text(SiteProfile.Figure(site: site, unit: unit)),
                    site.significance == .notComputed ? "" : site.significance.rawValue,
                    site.rank.map { "rank \($0)/\(site.rankedAmong ?? 0)" } ?? "",
                ])
            }
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                lines.append("  " + zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `75.2 [74.1-76.3] exact, 4/4 sites`; `1200-1260 interval, 3/4 sites`; `c suppressed`;
    /// an interval adds England over the sites shown, which sites are compared with.
    static func text(_ figure: SiteProfile.Figure) -> String {
        var text: String
        if let value = figure.value {
            text = value
        } else if let lower = figure.lower {
            text = "\(lower)-\(figure.upper ?? "?")"
        } else {
            text = figure.symbol ?? "x"
        }
        if let lower = figure.ciLower, let upper = figure.ciUpper { text += " [\(lower)-\(upper)]" }
        text += " \(figure.status)"
        if let reporting = figure.reporting, let expected = figure.expected { text += ", \(reporting)/\(expected) sites shown" }
        if let reason = figure.reason, figure.value == nil { text += " (\(reason))" }
        if let shown = figure.shownSitesValue {
            text += "; sites shown: \(shown)"
            if let lower = figure.shownSitesCILower, let upper = figure.shownSitesCIUpper { text += " [\(lower)-\(upper)]" }
        }
        return text
    }
}
