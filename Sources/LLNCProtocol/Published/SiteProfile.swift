/// One site's released figures for every indicator against England, its region and its
/// statistical neighbours: spine-chart data (`GET /v1/sites/{la}/profile`, protocol/openapi.yaml
/// `SiteProfile`), and what `llnc-node compare` shows. One type for both sides of the wire:
/// the hub encodes it, the node decodes it. Values are decimal text as released; nothing
/// here is computed at query time but the selection.
public struct SiteProfile: Codable, Sendable, Hashable {
    public struct Figure: Codable, Sendable, Hashable {
        /// The released value as decimal text; absent when not shown.
        public var value: String?
        /// `published`, `rounded`, `suppressed`, `withheld`, `interval`, ...
        public var status: String
        /// The EES symbol shown instead of a value (`c`, `x`, `z`, `low`, `k`).
        public var symbol: String?
        /// Why an aggregate is withheld (never a site's suppression rule).
        public var reason: String?
        /// Bounds of an aggregate that suppressed or rounded contributors make inexact.
        public var lower: String?
        public var upper: String?
        /// The 95% confidence interval.
        public var ciLower: String?
        public var ciUpper: String?
        /// For aggregates: sites that reported, of those expected.
        public var reporting: Int?
        public var expected: Int?
        /// For an interval aggregate: the same figure over the sites shown, and its 95% CI,
        /// which sites are compared with (hub/COMPARISONS.md, "Sites shown").
        public var shownSitesValue: String?
        public var shownSitesCILower: String?
        public var shownSitesCIUpper: String?

        public init(
            value: String? = nil, status: String, symbol: String? = nil, reason: String? = nil, lower: String? = nil,
            upper: String? = nil, ciLower: String? = nil, ciUpper: String? = nil, reporting: Int? = nil, expected: Int? = nil
        ) {
            self.value = value
            self.status = status
            self.symbol = symbol
            self.reason = reason
            self.lower = lower
            self.upper = upper
            self.ciLower = ciLower
            self.ciUpper = ciUpper
            self.reporting = reporting
            self.expected = expected
        }

        enum CodingKeys: String, CodingKey {
            case value, status, symbol, reason, lower, upper, reporting, expected
            case ciLower = "ci_lower"
            case ciUpper = "ci_upper"
            case shownSitesValue = "shown_sites_value"
            case shownSitesCILower = "shown_sites_ci_lower"
            case shownSitesCIUpper = "shown_sites_ci_upper"
        }
    }

    public struct Row: Codable, Sendable, Hashable {
        public var indicator: String
        public var title: String
        public var unit: String
        public var polarity: String
        /// `dimension=category` pairs (`Cell.breakdownText`); empty for the overall figure.
        public var breakdown: String
        public var site: Figure
        public var england: Figure?
        public var region: Figure?
        public var neighbours: Figure?
        /// Against England by the indicator's polarity: `better`, `similar`, `worse` (or
        /// `higher`/`lower`), absent when either interval is missing.
        public var significance: String?
        public var rank: Int?
        public var ranked: Int?
        public var quartile: Int?

        public init(
            indicator: String, title: String, unit: String, polarity: String, breakdown: String, site: Figure,
            england: Figure? = nil, region: Figure? = nil, neighbours: Figure? = nil, significance: String? = nil,
            rank: Int? = nil, ranked: Int? = nil, quartile: Int? = nil
        ) {
            self.indicator = indicator
            self.title = title
            self.unit = unit
            self.polarity = polarity
            self.breakdown = breakdown
            self.site = site
            self.england = england
            self.region = region
            self.neighbours = neighbours
            self.significance = significance
            self.rank = rank
            self.ranked = ranked
            self.quartile = quartile
        }
    }

    public var laNumber: String
    public var laName: String?
    public var regionName: String?
    public var period: String
    public var releaseID: String
    public var synthetic: Bool
    public var rows: [Row]

    public init(
        laNumber: String, laName: String?, regionName: String?, period: String, releaseID: String, synthetic: Bool, rows: [Row]
    ) {
        self.laNumber = laNumber
        self.laName = laName
        self.regionName = regionName
        self.period = period
        self.releaseID = releaseID
        self.synthetic = synthetic
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case period, synthetic, rows
        case laNumber = "la_number"
        case laName = "la_name"
        case regionName = "region_name"
        case releaseID = "release_id"
    }
}
