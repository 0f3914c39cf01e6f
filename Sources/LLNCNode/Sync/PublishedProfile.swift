/// The hub's published profile of this site (`GET /v1/sites/{la}/profile`), as the node
/// reads it: each indicator's released figure for the site, England, the region and the
/// statistical neighbours, with statuses and intervals. The node decodes only what it
/// shows; the hub's answer may carry more (protocol/openapi.yaml, `SiteProfile`).
public struct PublishedProfile: Decodable, Sendable, Hashable {
    public struct Figure: Decodable, Sendable, Hashable {
        /// The published value as decimal text; absent when not shown.
        public var value: String?
        /// `published`, `rounded`, `suppressed`, `withheld`, `interval`, ...
        public var status: String
        /// The EES symbol shown instead of a value (`c`, `x`, `z`, `low`, `k`).
        public var symbol: String?
        /// Bounds of an aggregate that suppressed or rounded contributors make inexact.
        public var lower: String?
        public var upper: String?
        /// The 95% confidence interval.
        public var ciLower: String?
        public var ciUpper: String?
        /// For aggregates: sites that reported, of those expected.
        public var reporting: Int?
        public var expected: Int?

        enum CodingKeys: String, CodingKey {
            case value, status, symbol, lower, upper, reporting, expected
            case ciLower = "ci_lower", ciUpper = "ci_upper"
        }
    }

    public struct Row: Decodable, Sendable, Hashable {
        public var indicator: String
        public var title: String
        public var unit: String
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
    }

    public var laNumber: String
    public var laName: String?
    public var period: String
    public var releaseID: String
    public var synthetic: Bool
    public var rows: [Row]

    enum CodingKeys: String, CodingKey {
        case period, synthetic, rows
        case laNumber = "la_number", laName = "la_name", releaseID = "release_id"
    }
}
