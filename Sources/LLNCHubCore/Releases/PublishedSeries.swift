import Foundation
import LLNCComparison
import LLNCProtocol

/// An indicator over every released period (the newest release of each), for England and
/// optionally one site. Periods whose definition version the newest definition does not
/// declare comparable are listed apart, never joined to the series.
package struct SeriesAnswer: Encodable {
    package struct Point: Encodable {
        package let period: String
        let releaseID: String
        let definitionVersion: Int
        package let england: SiteProfile.Figure
        package let site: SiteProfile.Figure?

        enum CodingKeys: String, CodingKey {
            case period, england, site
            case releaseID = "release_id"
            case definitionVersion = "definition_version"
        }
    }

    package let indicator: String
    package let breakdown: String
    package let unit: String
    package let site: String?
    package let synthetic: Bool
    /// Oldest first; every point's definition is comparable with the newest.
    package let points: [Point]
    /// Points computed with a definition the newest one is not comparable with.
    package let notComparable: [Point]
    /// With `?baseline=P`: the change from P to the newest period, for England and the
    /// site: a difference when both ends are exact, else the range of possible differences.
    let changeEngland: Change?
    let changeSite: Change?

    enum CodingKeys: String, CodingKey {
        case indicator, breakdown, unit, site, synthetic, points
        case notComparable = "not_comparable"
        case changeEngland = "change_england"
        case changeSite = "change_site"
    }
}

extension PublishedFigures {
    package func series(indicator: String, breakdown: String, site: String?, baseline: String? = nil) async throws -> SeriesAnswer {
        guard let metadata = try await indicators().first(where: { $0.id == indicator }) else {
            throw QueryError.notFound(what: "no released figures for indicator '\(indicator)'")
        }
        var points: [SeriesAnswer.Point] = []
        var bounds: [PointBounds] = []
        var unit = metadata.unit
        var synthetic = self.synthetic
        for release in try await store.currentReleases() {
            guard
                let json = try await store.releasedDocument(
                    releaseID: release.id, kind: .comparison, key: "\(indicator)|\(breakdown)")
            else { continue }
            let comparison = try JSONDecoder().decode(Comparison.self, from: Data(json))
            unit = comparison.unit.rawValue
            synthetic = synthetic || release.synthetic
            let siteFigure = site.flatMap { la in comparison.sites.first { $0.laNumber == la } }
            bounds.append(
                PointBounds(
                    period: comparison.period, version: comparison.definitionVersion, england: comparison.england.bounds,
                    site: siteFigure?.bounds))
            points.append(
                SeriesAnswer.Point(
                    period: comparison.period, releaseID: release.id, definitionVersion: comparison.definitionVersion,
                    england: SiteProfile.Figure(aggregate: comparison.england, unit: comparison.unit),
                    site: siteFigure.map { SiteProfile.Figure(site: $0, unit: comparison.unit) }))
        }
        guard !points.isEmpty else {
            throw QueryError.notFound(what: "no released figures for indicator '\(indicator)'\(breakdown.isEmpty ? "" : " by \(breakdown)")")
        }
        let newest = points.map(\.definitionVersion).max() ?? metadata.version
        let comparable = Set([newest] + (newest == metadata.version ? metadata.comparableVersions : []))
        let comparablePoints = points.filter { comparable.contains($0.definitionVersion) }
        if let baseline, !comparablePoints.contains(where: { $0.period == baseline }) {
            throw QueryError.badParameter(
                name: "baseline",
                reason: "'\(baseline)' is not a released period of this series (\(comparablePoints.map(\.period).joined(separator: ", ")))")
        }
        let kept = bounds.filter { comparable.contains($0.version) }
        func change(_ figure: (PointBounds) -> Bounds?) -> Change? {
            guard let baseline else { return nil }
            let series = Series(
                indicator: indicator, definitionVersion: newest, definitionVersions: Array(comparable).sorted(), breakdown: [:],
                unit: Cell.Unit(rawValue: unit) ?? .count, geography: .national, code: "",
                points: kept.map { SeriesPoint(period: $0.period, definitionVersion: $0.version, status: .interval, bounds: figure($0)) })
            return series.change(since: baseline)
        }
        return SeriesAnswer(
            indicator: indicator, breakdown: breakdown, unit: unit, site: site, synthetic: synthetic, points: comparablePoints,
            notComparable: points.filter { !comparable.contains($0.definitionVersion) },
            changeEngland: change { $0.england }, changeSite: site == nil ? nil : change { $0.site })
    }
}

/// What a series point's change needs: its period, definition and bounds.
private struct PointBounds {
    let period: String
    let version: Int
    let england: Bounds?
    let site: Bounds?
}
