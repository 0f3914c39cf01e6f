import Foundation
import LLNCComparison
import LLNCProtocol

/// Reads released documents: always the newest release of each period. Nothing here
/// computes a figure; it selects and reshapes what a release stored.
package struct PublishedFigures: Sendable {
    let store: any ReleaseStore
    let synthetic: Bool

    /// Every indicator with released figures, with the periods released for it.
    package func indicators() async throws -> [IndicatorMetadata] {
        var byID: [String: IndicatorMetadata] = [:]
        for release in try await store.currentReleases() {
            for document in try await store.releasedDocuments(releaseID: release.id, kind: .indicator) {
                var metadata = try JSONDecoder().decode(IndicatorMetadata.self, from: Data(document.json))
                metadata.periods = (byID[metadata.id]?.periods ?? []) + [release.period]
                byID[metadata.id] = metadata
            }
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    func release(period: String) async throws -> ReleaseRecord {
        guard let release = try await store.currentRelease(period: period) else {
            throw QueryError.notFound(what: "period \(period) has not been released; `llnc-hub release --period \(period)` releases it")
        }
        return release
    }

    /// The released comparison of an indicator, period and breakdown (`dim=cat,...`, empty for
    /// the overall figure).
    package func comparison(indicator: String, period: String, breakdown: String) async throws -> (ReleaseRecord, Comparison) {
        let (release, json) = try await comparisonDocument(indicator: indicator, period: period, breakdown: breakdown)
        return (release, try JSONDecoder().decode(Comparison.self, from: Data(json)))
    }

    /// The stored JSON of a released comparison, as the release wrote it.
    package func comparisonDocument(indicator: String, period: String, breakdown: String) async throws -> (ReleaseRecord, [UInt8]) {
        let release = try await release(period: period)
        let key = "\(indicator)|\(breakdown)"
        guard let json = try await store.releasedDocument(releaseID: release.id, kind: .comparison, key: key) else {
            throw QueryError.notFound(
                what:
                    "release \(release.id) has no figures for indicator '\(indicator)'\(breakdown.isEmpty ? "" : " by \(breakdown)"); GET /v1/indicators lists what is released"
            )
        }
        return (release, json)
    }

    /// Every overall (not broken down) comparison of a release, read one by one by key (one
    /// per released indicator) rather than loading every breakdown's document.
    func overallComparisons(_ release: ReleaseRecord) async throws -> [Comparison] {
        let decoder = JSONDecoder()
        var comparisons: [Comparison] = []
        for indicator in try await store.releasedDocuments(releaseID: release.id, kind: .indicator) {
            guard let json = try await store.releasedDocument(releaseID: release.id, kind: .comparison, key: "\(indicator.key)|")
            else { continue }
            comparisons.append(try decoder.decode(Comparison.self, from: Data(json)))
        }
        return comparisons
    }

    /// Every comparison of a release.
    func comparisons(_ release: ReleaseRecord) async throws -> [Comparison] {
        let decoder = JSONDecoder()
        return try await store.releasedDocuments(releaseID: release.id, kind: .comparison)
            .map { try decoder.decode(Comparison.self, from: Data($0.json)) }
    }

    /// A site's figure in every overall comparison of the period (default: the newest
    /// period released with the site in it), with England, its region and its neighbours.
    package func profile(laNumber: String, period: String?) async throws -> SiteProfile {
        try await profileAndComparisons(laNumber: laNumber, period: period).profile
    }

    /// The profile and the overall comparisons it was read from, for the profile page's spine
    /// chart, so a page view reads and decodes the release's documents once.
    package func profileAndComparisons(laNumber: String, period: String?) async throws -> (profile: SiteProfile, comparisons: [Comparison]) {
        let titles = Dictionary(try await indicators().map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let candidates: [ReleaseRecord]
        if let period { candidates = [try await release(period: period)] } else { candidates = try await store.currentReleases().reversed() }
        for release in candidates {
            var rows: [SiteProfile.Row] = []
            var name: String?
            var region: String?
            let comparisons = try await overallComparisons(release)
            for comparison in comparisons {
                guard let site = comparison.sites.first(where: { $0.laNumber == laNumber }) else { continue }
                name = site.name
                region = comparison.regions.first { $0.code == site.regionCode }?.name
                rows.append(SiteProfile.Row(comparison: comparison, site: site, title: titles[comparison.indicator] ?? comparison.indicator))
            }
            guard !rows.isEmpty else { continue }
            let profile = SiteProfile(
                laNumber: laNumber, laName: name, regionName: region, period: release.period, releaseID: release.id,
                synthetic: release.synthetic || synthetic, rows: rows.sorted { $0.indicator < $1.indicator })
            return (profile, comparisons)
        }
        throw QueryError.notFound(what: "no released figures for site \(laNumber)\(period.map { " in \($0)" } ?? "")")
    }

    package init(store: any ReleaseStore, synthetic: Bool) {
        self.store = store
        self.synthetic = synthetic
    }
}

/// A comparison as the API answers it: the release it comes from, and whether the figures
/// are synthetic, around the comparison module's own JSON.
package struct ComparisonAnswer: Encodable {
    let releaseID: String
    let synthetic: Bool
    let comparison: Comparison

    /// The answer's bytes with the stored comparison spliced in, exactly as encoding a
    /// `ComparisonAnswer` would give them (`JSONAnswer` sorts keys: comparison, release_id,
    /// synthetic; the release stored the document with the same encoder). A release never
    /// changes, so decoding and re-encoding a 70 KB document on every request is waste.
    package static func bytes(releaseID: String, synthetic: Bool, storedComparison: [UInt8]) throws -> [UInt8] {
        Array(#"{"comparison":"#.utf8) + storedComparison + Array(#","release_id":"#.utf8) + (try PublishedJSON.bytes(releaseID))
            + Array(#","synthetic":\#(synthetic)}"#.utf8)
    }

    enum CodingKeys: String, CodingKey {
        case synthetic, comparison
        case releaseID = "release_id"
    }

    package init(releaseID: String, synthetic: Bool, comparison: Comparison) {
        self.releaseID = releaseID
        self.synthetic = synthetic
        self.comparison = comparison
    }
}

extension Comparison {
    /// Keeps only the sites (and regions) a query asks for; England always stays.
    package func filtered(region: String?, neighboursOf: String?) throws -> Comparison {
        var result = self
        if let region {
            guard regions.contains(where: { $0.code == region }) else {
                throw QueryError.badParameter(name: "region", reason: "'\(region)' is not a region of this comparison (an ONS code like E12000002)")
            }
            result.regions = regions.filter { $0.code == region }
            result.sites = result.sites.filter { $0.regionCode == region }
        }
        if let la = neighboursOf {
            guard let site = sites.first(where: { $0.laNumber == la }) else {
                throw QueryError.badParameter(name: "neighbours_of", reason: "'\(la)' is not a site of this comparison")
            }
            let group = Set([la] + (site.neighbours?.neighbours ?? []))
            result.sites = result.sites.filter { group.contains($0.laNumber) }
        }
        return result
    }
}
