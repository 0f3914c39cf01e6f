/// Series from released comparisons: one per geography × indicator × version family ×
/// breakdown. Families already keep non-comparable definition versions apart, so a series
/// never joins figures of different meaning.
enum SeriesBuilder {
    static func series(_ comparisons: [Comparison]) -> [Series] {
        struct Key: Hashable {
            var indicator: String
            var version: Int
            var breakdown: [String: String]
            var geography: Series.Geography
            var code: String
        }
        var points: [Key: [SeriesPoint]] = [:]
        var units: [Key: Comparison] = [:]
        for comparison in comparisons {
            func add(_ geography: Series.Geography, _ code: String, _ point: SeriesPoint) {
                let key = Key(
                    indicator: comparison.indicator, version: comparison.definitionVersion, breakdown: comparison.breakdown, geography: geography,
                    code: code)
                points[key, default: []].append(point)
                units[key] = comparison
            }
            for aggregate in [comparison.england] + comparison.regions {
                add(
                    aggregate.geography == .national ? .national : .regional, aggregate.code,
                    SeriesPoint(
                        period: comparison.period, definitionVersion: comparison.definitionVersion, status: aggregate.status,
                        value: aggregate.value, bounds: aggregate.bounds, confidenceInterval: aggregate.confidenceInterval))
            }
            for site in comparison.sites {
                let status: FigureStatus =
                    switch site.status {
                    case .unavailable, .notApplicable: .noData
                    case .suppressed: .withheld
                    default:
                        if let bounds = site.bounds {
                            bounds.isExact ? .exact : (site.value == nil ? .interval : .rounded)
                        } else {
                            .noData
                        }
                    }
                add(
                    .site, site.laNumber,
                    SeriesPoint(
                        period: comparison.period, definitionVersion: comparison.definitionVersion, status: status,
                        value: site.value, bounds: site.bounds, confidenceInterval: site.confidenceInterval, cellStatus: site.status,
                        symbol: site.symbol))
            }
        }
        return points.keys.sorted {
            ($0.indicator, $0.version, $0.geography.rawValue, $0.code) < ($1.indicator, $1.version, $1.geography.rawValue, $1.code)
        }.map { key in
            let comparison = units[key]!
            return Series(
                indicator: key.indicator, definitionVersion: key.version, definitionVersions: [key.version],
                breakdown: key.breakdown, unit: comparison.unit, geography: key.geography, code: key.code,
                points: points[key]!.sorted { $0.period < $1.period })
        }
    }
}
