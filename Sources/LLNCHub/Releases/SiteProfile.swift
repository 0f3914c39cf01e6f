/// One site's released figures for every indicator against England, its region and its
/// statistical neighbours: spine-chart data (`GET /v1/sites/{la}/profile`), and what
/// `llnc-node compare` shows. Values are decimal text as released; nothing here is computed
/// at query time but the selection.
public struct SiteProfile: Codable, Sendable, Hashable {
    public struct Figure: Codable, Sendable, Hashable {
        public var value: String?
        public var status: String
        public var symbol: String?
        public var reason: String?
        public var lower: String?
        public var upper: String?
        public var ciLower: String?
        public var ciUpper: String?
        public var reporting: Int?
        public var expected: Int?

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
            case ciLower = "ci_lower", ciUpper = "ci_upper"
        }
    }

    public struct Row: Codable, Sendable, Hashable {
        public var indicator: String
        public var title: String
        public var unit: String
        public var polarity: String
        /// `dimension=category` pairs; empty for the overall figure.
        public var breakdown: String
        public var site: Figure
        public var england: Figure?
        public var region: Figure?
        public var neighbours: Figure?
        public var significance: String?
        public var rank: Int?
        public var ranked: Int?
        public var quartile: Int?
    }

    public var laNumber: String
    public var laName: String?
    public var regionName: String?
    public var period: String
    public var releaseID: String
    public var synthetic: Bool
    public var rows: [Row]

    enum CodingKeys: String, CodingKey {
        case period, synthetic, rows
        case laNumber = "la_number", laName = "la_name", regionName = "region_name", releaseID = "release_id"
    }
}
