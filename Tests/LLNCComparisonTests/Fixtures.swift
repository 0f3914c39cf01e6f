import Foundation
import LLNCCatalogue
import LLNCComparison
import LLNCProtocol

/// The real reference files and catalogue from the repository, and short ways to write cells.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func reference() throws -> ReferenceData {
        try ReferenceData.parse(
            las: text("hub/reference/las.csv"), regions: text("hub/reference/regions.csv"),
            neighbours2021: text("hub/reference/statistical-neighbours-2021.csv"),
            neighbours2025: text("hub/reference/statistical-neighbours-2025.csv"))
    }

    static func catalogue() throws -> Catalogue {
        try CatalogueLoader.load(directory: root.appendingPathComponent("protocol/catalogue"))
    }

    static func shown(
        _ site: String, _ indicator: String, _ value: String, period: String = "2024-25", unit: Cell.Unit = .count,
        breakdown: [String: String] = [:], status: Cell.Status = .published, reason: String? = nil,
        numerator: String? = nil, denominator: String? = nil, version: Int = 1, vintage: UInt64 = 1,
        releasable: Bool = true
    ) -> SiteCell {
        SiteCell(
            site: site,
            cell: Cell(
                indicator: indicator, definitionVersion: version, period: period, breakdown: breakdown, unit: unit, status: status,
                value: value, reason: reason, numerator: numerator, denominator: denominator),
            vintage: vintage, releasable: releasable)
    }

    static func suppressed(
        _ site: String, _ indicator: String, period: String = "2024-25", unit: Cell.Unit = .count,
        breakdown: [String: String] = [:], version: Int = 1, vintage: UInt64 = 1
    ) -> SiteCell {
        SiteCell(
            site: site,
            cell: Cell(
                indicator: indicator, definitionVersion: version, period: period, breakdown: breakdown, unit: unit,
                status: .suppressed, symbol: .confidential, reason: "primary:threshold"),
            vintage: vintage)
    }

    static func plan(
        _ cells: [SiteCell], enrolled: [String]? = nil, ledger: [LedgerEntry] = [], catalogue: Catalogue? = nil, identities: Bool = true
    ) throws -> PlannedRelease {
        let catalogue = try catalogue ?? Self.catalogue()
        return try ReleasePlanner.plan(
            ReleaseRequest(
                release: "r-test", plannedAt: "2026-01-01T00:00:00Z", indicators: catalogue.indicators, breakdowns: catalogue.breakdowns,
                cells: cells, enrolled: enrolled ?? Array(Set(cells.map(\.site))).sorted(), reference: reference(), ledger: ledger,
                identities: identities ? catalogue.identities : []))
    }
}

extension PlannedRelease {
    func comparison(_ indicator: String, period: String = "2024-25", breakdown: [String: String] = [:]) -> Comparison? {
        comparisons.first { $0.indicator == indicator && $0.period == period && $0.breakdown == breakdown }
    }
}

extension Comparison {
    func site(_ la: String) -> SiteFigure? { sites.first { $0.laNumber == la } }
    func region(_ code: String) -> Aggregate? { regions.first { $0.code == code } }
}

func close(_ a: Double?, _ b: Double, within: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= within
}
