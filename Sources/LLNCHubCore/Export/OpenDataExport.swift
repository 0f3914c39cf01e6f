import Foundation
import LLNCComparison
import LLNCProtocol

/// The current releases as open data: one EES table per indicator, every released period,
/// with England, each region and each site as rows and the indicator's breakdowns as
/// filters (`Total` where a row is not broken down by that filter).
///
/// Columns per indicator `ID`: `ID` (the figure), `ID_lower_bound`/`ID_upper_bound` (every
/// value the figure can take: equal to it when exact, wider when rounded or suppressed
/// contributors make an aggregate inexact), `ID_ci_lower`/`ID_ci_upper` (95% CI), and
/// `sites_reporting`/`sites_expected` (aggregates; `z` on a site's row).
public struct OpenDataExport: Sendable {
    let store: any ReleaseStore
    let configuration: HubConfiguration

    public init(store: any ReleaseStore, configuration: HubConfiguration) {
        self.store = store
        self.configuration = configuration
    }

    package func tables() async throws -> [OpenDataTable] {
        let reference = try ReleaseSources.reference(configuration)
        let figures = PublishedFigures(store: store, synthetic: configuration.syntheticData)
        let metadata = Dictionary(try await figures.indicators().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var tables: [String: OpenDataTable] = [:]
        for release in try await store.currentReleases() {
            for comparison in try await figures.comparisons(release) {
                guard let indicator = metadata[comparison.indicator] else { continue }
                var table = tables[indicator.id] ?? Self.table(indicator, synthetic: configuration.syntheticData)
                table.synthetic = table.synthetic || release.synthetic
                table.rows += Self.rows(comparison, indicator: indicator, reference: reference)
                tables[indicator.id] = table
            }
        }
        return tables.values.sorted { $0.name < $1.name }
    }

    static func table(_ indicator: IndicatorMetadata, synthetic: Bool) -> OpenDataTable {
        let unit = Cell.Unit(rawValue: indicator.unit) ?? .count
        let eesUnit =
            switch unit {
            case .percentage: "%"
            case .gbp, .gbpPerWeek: "£"
            case .count, .ratePer10000, .days: ""
            }
        let id = indicator.id
        let places = FigureText.places(unit)
        func column(_ suffix: String, _ label: String, unit: String = eesUnit, places: Int = places) -> OpenDataTable.IndicatorColumn {
            .init(column: id + suffix, label: label, grouping: indicator.title, unit: unit, decimalPlaces: places)
        }
        return OpenDataTable(
            name: id,
            filters: indicator.breakdowns.map {
                .init(
                    column: $0, label: $0.replacingOccurrences(of: "_", with: " ").capitalized,
                    hint: "Filter by \($0.replacingOccurrences(of: "_", with: " "))")
            },
            indicators: [
                column("", indicator.title),
                column("_lower_bound", "\(indicator.title): lowest value consistent with what was published"),
                column("_upper_bound", "\(indicator.title): highest value consistent with what was published"),
                column("_ci_lower", "\(indicator.title): 95% confidence interval, lower limit"),
                column("_ci_upper", "\(indicator.title): 95% confidence interval, upper limit"),
                .init(column: "sites_reporting", label: "Sites whose figure is shown", grouping: "Completeness", unit: "", decimalPlaces: 0),
                .init(column: "sites_expected", label: "Sites expected to report", grouping: "Completeness", unit: "", decimalPlaces: 0),
            ],
            rows: [], synthetic: synthetic)
    }

    static func rows(_ comparison: Comparison, indicator: IndicatorMetadata, reference: ReferenceData) -> [OpenDataTable.Row] {
        let id = indicator.id
        let unit = comparison.unit
        let time = OpenDataTable.timePeriod(comparison.period, timeIdentifier: indicator.timeIdentifier)
        func number(_ value: Double?) -> OpenDataTable.Value { value.map { .number(FigureText.format($0, unit: unit)) } ?? .symbol("x") }
        func row(_ level: OpenDataTable.Level) -> OpenDataTable.Row {
            OpenDataTable.Row(
                timePeriod: time, timeIdentifier: indicator.timeIdentifier, level: level, filters: comparison.breakdown, values: [:])
        }
        func aggregateValues(_ aggregate: Aggregate) -> [String: OpenDataTable.Value] {
            let hidden: OpenDataTable.Value? =
                switch aggregate.status {
                case .withheld: .symbol("c")
                case .noData: .symbol("x")
                case .exact, .rounded, .interval: nil
                }
            let ci: (OpenDataTable.Value, OpenDataTable.Value) =
                aggregate.confidenceInterval.map { (number($0.lower), number($0.upper)) }
                ?? (unit == .count ? (.symbol("z"), .symbol("z")) : (.symbol("x"), .symbol("x")))
            return [
                id: hidden ?? (aggregate.status.showsValue ? number(aggregate.value) : .symbol("x")),
                id + "_lower_bound": hidden ?? number(aggregate.bounds?.lower),
                id + "_upper_bound": hidden ?? number(aggregate.bounds?.upper),
                id + "_ci_lower": hidden ?? ci.0, id + "_ci_upper": hidden ?? ci.1,
                "sites_reporting": .number(String(aggregate.completeness.shown)),
                "sites_expected": .number(String(aggregate.completeness.expected)),
            ]
        }
        var rows: [OpenDataTable.Row] = []
        var national = row(.national)
        national.values = aggregateValues(comparison.england)
        rows.append(national)
        for region in comparison.regions {
            var regional = row(.regional)
            (regional.regionCode, regional.regionName) = (region.code, region.name)
            regional.values = aggregateValues(region)
            rows.append(regional)
        }
        let periodEnd = Self.periodEnd(comparison.period, timeIdentifier: indicator.timeIdentifier)
        for site in comparison.sites {
            var local = row(.localAuthority)
            let authority = reference.authority(site.laNumber)
            local.regionCode = site.regionCode
            local.regionName = authority?.regionName ?? comparison.regions.first { $0.code == site.regionCode }?.name ?? ""
            local.oldLACode = site.laNumber
            local.newLACode = reference.onsCode(site.laNumber, on: periodEnd) ?? authority?.onsCodes.last?.code ?? ""
            local.laName = site.name
            let shown: OpenDataTable.Value? =
                switch site.status {
                case .published, .rounded, .perturbed: nil
                case .suppressed: .symbol(site.symbol?.rawValue ?? "c")
                case .unavailable: .symbol("x")
                case .notApplicable: .symbol("z")
                }
            let ci: (OpenDataTable.Value, OpenDataTable.Value) =
                site.confidenceInterval.map { (number($0.lower), number($0.upper)) }
                ?? (unit == .count ? (.symbol("z"), .symbol("z")) : (.symbol("x"), .symbol("x")))
            local.values = [
                id: shown ?? number(site.value),
                id + "_lower_bound": shown ?? number(site.bounds?.lower ?? site.value),
                id + "_upper_bound": shown ?? number(site.bounds == nil ? site.value : site.bounds?.upper),
                id + "_ci_lower": shown ?? ci.0, id + "_ci_upper": shown ?? ci.1,
                "sites_reporting": .symbol("z"), "sites_expected": .symbol("z"),
            ]
            rows.append(local)
        }
        return rows
    }

    /// The last day of a period (`2024-25`): 31 March 2025 for reporting and financial
    /// years, 31 August 2025 for academic years; the ONS code in force that day is used.
    static func periodEnd(_ period: String, timeIdentifier: String) -> String {
        guard let start = Int(period.prefix(4)) else { return period }
        return timeIdentifier == "Academic year" ? "\(start + 1)-08-31" : "\(start + 1)-03-31"
    }

    /// Writes every table as `NAME.csv` and `NAME.meta.csv` into `folder`, plus a short
    /// data guidance file; returns the file names written.
    public func write(to folder: URL) async throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var names: [String] = []
        let tables = try await tables()
        for table in tables {
            try Data(OpenDataCSV.data(table).utf8).write(to: folder.appendingPathComponent("\(table.name).csv"), options: .atomic)
            try Data(OpenDataCSV.meta(table).utf8).write(to: folder.appendingPathComponent("\(table.name).meta.csv"), options: .atomic)
            names += ["\(table.name).csv", "\(table.name).meta.csv"]
        }
        let synthetic = configuration.syntheticData || tables.contains { $0.synthetic }
        try Data(Self.guidance(synthetic: synthetic).utf8).write(to: folder.appendingPathComponent("data-guidance.md"), options: .atomic)
        return names + ["data-guidance.md"]
    }

    static func guidance(synthetic: Bool) -> String {
        (synthetic
            ? "# SYNTHETIC DATA\n\nThese files hold made-up figures from synthetic sites, for demonstration only. They describe no real child or authority.\n\n"
            : "")
                + """
                # LLNC national comparisons: data guidance

                Explore Education Statistics format: one `NAME.csv` per indicator with its `NAME.meta.csv`.
                Rows are England (National), regions (Regional) and the sites (Local authority) for every
                released period. Filters are the indicator's breakdowns; `Total` means not broken down.

                Symbols: `c` confidential (suppressed by the site, or withheld by the hub's disclosure
                re-check), `x` not available, `z` not applicable, `low` and `k` a figure that rounds to zero.
                `_lower_bound`/`_upper_bound` give every value a figure can take given what was published:
                an England or regional total with suppressed or rounded contributors is an interval, never a
                point. `sites_reporting` of `sites_expected` says how complete an aggregate is.

                """
    }
}
