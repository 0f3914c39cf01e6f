import LLNCProtocol

/// One indicator × period × breakdown across England: every site's figure, England and each
/// region, neighbour averages, ranks and significance. What the comparison API serves.
public struct Comparison: Codable, Sendable, Hashable {
    public var indicator: String
    /// The definition version of the figures compared (all sites' cells carry it, or one the
    /// catalogue declares comparable with it).
    public var definitionVersion: Int
    public var period: String
    /// Dimension → category; empty for the indicator's overall figure.
    public var breakdown: [String: String]
    public var unit: Cell.Unit
    public var polarity: Polarity
    public var england: Aggregate
    public var regions: [Aggregate]
    public var sites: [SiteFigure]

    enum CodingKeys: String, CodingKey {
        case indicator, period, breakdown, unit, polarity, england, regions, sites
        case definitionVersion = "definition_version"
    }

    public init(
        indicator: String, definitionVersion: Int, period: String, breakdown: [String: String], unit: Cell.Unit,
        polarity: Polarity, england: Aggregate, regions: [Aggregate], sites: [SiteFigure]
    ) {
        self.indicator = indicator
        self.definitionVersion = definitionVersion
        self.period = period
        self.breakdown = breakdown
        self.unit = unit
        self.polarity = polarity
        self.england = england
        self.regions = regions
        self.sites = sites
    }
}

/// England or one region, over the sites that reported.
public struct Aggregate: Codable, Sendable, Hashable {
    public enum Geography: String, Codable, Sendable, Hashable, CaseIterable {
        case national, regional
    }

    public var geography: Geography
    /// `E92000001` for England, the region's ONS code otherwise.
    public var code: String
    public var name: String
    public var method: AggregateMethod
    public var status: FigureStatus
    /// Present only when `status` is `exact`.
    public var value: Double?
    /// Every value the aggregate could take (exact: a point); absent when withheld or no data.
    public var bounds: Bounds?
    /// Pooled numerator and denominator (percentages and rates), when exact.
    public var numerator: Double?
    public var denominator: Double?
    /// For `unweighted_mean`: the lowest and highest site value behind it.
    public var range: Bounds?
    public var confidenceInterval: ConfidenceInterval?
    public var completeness: Completeness
    /// Why it is withheld or inexact, as a code (`withheld:differencing`, `withheld:solver`).
    public var reason: String?
    /// When suppressed contributors make this figure an interval: the same figure over only
    /// the sites whose figures are shown (exact unless some are rounded). It is derived from
    /// published figures alone, and it is what sites are compared with for significance, so
    /// one small suppressed site does not leave the whole comparison without a yardstick.
    public var shownSites: ShownSitesFigure?

    enum CodingKeys: String, CodingKey {
        case geography, code, name, method, status, value, bounds, numerator, denominator, range, completeness, reason
        case confidenceInterval = "confidence_interval"
        case shownSites = "shown_sites"
    }

    public init(
        geography: Geography, code: String, name: String, method: AggregateMethod, status: FigureStatus,
        value: Double? = nil, bounds: Bounds? = nil, numerator: Double? = nil, denominator: Double? = nil,
        range: Bounds? = nil, confidenceInterval: ConfidenceInterval? = nil, completeness: Completeness, reason: String? = nil
    ) {
        self.geography = geography
        self.code = code
        self.name = name
        self.method = method
        self.status = status
        self.value = value
        self.bounds = bounds
        self.numerator = numerator
        self.denominator = denominator
        self.range = range
        self.confidenceInterval = confidenceInterval
        self.completeness = completeness
        self.reason = reason
    }
}

/// One site's figure in a comparison, as it published it, with what the hub derives for it.
public struct SiteFigure: Codable, Sendable, Hashable {
    public var laNumber: String
    public var name: String
    public var regionCode: String
    /// The status the site sent (or `suppressed` when the hub holds the figure but does not
    /// release it). There is deliberately no reason: the rule behind a site's suppression
    /// discloses the count (a zero in a sensitive table, a count from 1 to 9), so only the
    /// EES symbol leaves the hub.
    public var status: Cell.Status
    public var value: Double?
    public var symbol: Cell.Symbol?
    public var numerator: Double?
    public var denominator: Double?
    /// What the published figure means as a range (a rounded count of 15 base 5: 13...17).
    public var bounds: Bounds?
    public var confidenceInterval: ConfidenceInterval?
    public var significance: Significance
    /// Among sites with a shown value, rank 1 = best by polarity (highest for `neither`).
    public var rank: Int?
    /// 1 = best quarter of the ranked sites ... 4 = worst.
    public var quartile: Int?
    public var rankedAmong: Int?
    public var neighbours: NeighbourAverage?

    enum CodingKeys: String, CodingKey {
        case name, status, value, symbol, numerator, denominator, bounds, significance, rank, quartile, neighbours
        case laNumber = "la_number"
        case regionCode = "region_code"
        case confidenceInterval = "confidence_interval"
        case rankedAmong = "ranked_among"
    }

    public init(
        laNumber: String, name: String, regionCode: String, status: Cell.Status, value: Double? = nil,
        symbol: Cell.Symbol? = nil, numerator: Double? = nil, denominator: Double? = nil,
        bounds: Bounds? = nil, confidenceInterval: ConfidenceInterval? = nil, significance: Significance = .notComputed,
        rank: Int? = nil, quartile: Int? = nil, rankedAmong: Int? = nil, neighbours: NeighbourAverage? = nil
    ) {
        self.laNumber = laNumber
        self.name = name
        self.regionCode = regionCode
        self.status = status
        self.value = value
        self.symbol = symbol
        self.numerator = numerator
        self.denominator = denominator
        self.bounds = bounds
        self.confidenceInterval = confidenceInterval
        self.significance = significance
        self.rank = rank
        self.quartile = quartile
        self.rankedAmong = rankedAmong
        self.neighbours = neighbours
    }
}

/// A site's statistical-neighbour group average: which of its 10 neighbours reported.
public struct NeighbourAverage: Codable, Sendable, Hashable {
    public var grouping: NeighbourGrouping
    /// The group, closest first (10 DfE numbers).
    public var neighbours: [String]
    /// The neighbours whose figure is shown and went into the average.
    public var included: [String]
    public var method: AggregateMethod
    public var status: FigureStatus
    public var value: Double?
    public var bounds: Bounds?
    public var numerator: Double?
    public var denominator: Double?
    public var range: Bounds?
    public var reason: String?

    enum CodingKeys: String, CodingKey {
        case grouping, neighbours, included, method, status, value, bounds, numerator, denominator, range, reason
    }

    public init(
        grouping: NeighbourGrouping, neighbours: [String], included: [String], method: AggregateMethod, status: FigureStatus,
        value: Double? = nil, bounds: Bounds? = nil, numerator: Double? = nil, denominator: Double? = nil,
        range: Bounds? = nil, reason: String? = nil
    ) {
        self.grouping = grouping
        self.neighbours = neighbours
        self.included = included
        self.method = method
        self.status = status
        self.value = value
        self.bounds = bounds
        self.numerator = numerator
        self.denominator = denominator
        self.range = range
        self.reason = reason
    }
}

/// An aggregate over only the sites whose figures are shown (see `Aggregate.shownSites`).
public struct ShownSitesFigure: Codable, Sendable, Hashable {
    /// `exact`, or `interval` when some shown figures are rounded, or `withheld`.
    public var status: FigureStatus
    public var value: Double?
    public var bounds: Bounds?
    public var numerator: Double?
    public var denominator: Double?
    public var confidenceInterval: ConfidenceInterval?
    /// The DfE numbers of the sites it covers.
    public var sites: [String]
    public var reason: String?

    enum CodingKeys: String, CodingKey {
        case status, value, bounds, numerator, denominator, sites, reason
        case confidenceInterval = "confidence_interval"
    }

    public init(
        status: FigureStatus, value: Double? = nil, bounds: Bounds? = nil, numerator: Double? = nil, denominator: Double? = nil,
        confidenceInterval: ConfidenceInterval? = nil, sites: [String], reason: String? = nil
    ) {
        self.status = status
        self.value = value
        self.bounds = bounds
        self.numerator = numerator
        self.denominator = denominator
        self.confidenceInterval = confidenceInterval
        self.sites = sites
        self.reason = reason
    }
}

extension Aggregate {
    /// What sites are compared with (significance, chart reference lines): the figure itself
    /// when exact, else the figure over the sites shown when that is exact; `nil` otherwise.
    /// Never an interval's midpoint.
    public var comparator: (value: Double, confidenceInterval: ConfidenceInterval?, sitesShownOnly: Bool)? {
        if status.showsValue, let value { return (value, confidenceInterval, false) }
        if let shown = shownSites, shown.status.showsValue, let value = shown.value {
            return (value, shown.confidenceInterval, true)
        }
        return nil
    }

    /// "England", or "England (sites shown)" when the comparator covers only the sites shown.
    public var comparatorName: String { comparator?.sitesShownOnly == true ? "\(name) (sites shown)" : name }
}
