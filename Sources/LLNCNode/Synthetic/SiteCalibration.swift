import Foundation

/// A site's real size and looked-after rate from the published reference data
/// (hub/reference: the ONS children 0-17 estimate and DfE's children looked after at 31
/// March per 10,000), so a synthetic site has its authority's shape.
public struct SiteCalibration: Sendable, Equatable {
    public let children: Int
    public let lookedAfterRate: Double

    /// Nil when the folder or the site's rows are missing; the caller then needs explicit sizes.
    public static func load(site: Int, from folder: URL) -> SiteCalibration? {
        let code = String(site)
        guard
            let population = latest(
                in: folder.appendingPathComponent("ons-mid-year-population-2012-2024.csv"),
                site: code, value: "population_estimate", filter: nil),
            let children = Int(population)
        else { return nil }
        let rate = latest(
            in: folder.appendingPathComponent("dfe-cla-number-and-rate-per-10k.csv"), site: code,
            value: "rate_per_10000", filter: ("population_type", "Children looked after on 31 March each year"))
        return SiteCalibration(children: children, lookedAfterRate: rate.flatMap(Double.init) ?? 70)
    }

    /// The `value` column of the site's most recent row (EES layout: `time_period`, `old_la_code`).
    private static func latest(in url: URL, site: String, value: String, filter: (String, String)?) -> String? {
        guard let records = try? CSVReader(contentsOf: url).records(), let header = records.first?.fields,
            let period = header.firstIndex(of: "time_period"), let la = header.firstIndex(of: "old_la_code"),
            let column = header.firstIndex(of: value)
        else { return nil }
        let filterIndex = filter.flatMap { header.firstIndex(of: $0.0) }
        var best: (Int, String)?
        for record in records.dropFirst() where record.fields.count == header.count && record.fields[la] == site {
            if let filter, let i = filterIndex, record.fields[i] != filter.1 { continue }
            guard let year = Int(record.fields[period]), Double(record.fields[column]) != nil else { continue }
            if best.map({ year > $0.0 }) ?? true { best = (year, record.fields[column]) }
        }
        return best?.1
    }
}
