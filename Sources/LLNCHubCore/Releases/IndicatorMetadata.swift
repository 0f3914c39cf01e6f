import LLNCCatalogue
import LLNCProtocol

/// What the query API says about an indicator: the catalogue's words and reading rules, as
/// released (each release keeps the metadata of the catalogue it was made with).
public struct IndicatorMetadata: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var description: String
    public var purpose: String
    public var unit: String
    public var polarity: String
    public var periodType: String
    public var timeIdentifier: String
    public var breakdowns: [String]
    public var version: Int
    public var comparableVersions: [Int]
    /// Periods with a current release (filled when answering, empty as stored).
    public var periods: [String]

    public init(_ indicator: Indicator) {
        id = indicator.id
        title = indicator.title
        description = indicator.description
        purpose = indicator.purpose
        unit = indicator.unit.rawValue
        polarity = indicator.polarity.rawValue
        periodType = indicator.period.rawValue
        timeIdentifier = indicator.period.timeIdentifier
        breakdowns = indicator.breakdowns
        version = indicator.version
        comparableVersions = indicator.comparableVersions
        periods = []
    }

    enum CodingKeys: String, CodingKey {
        case id, title, description, purpose, unit, polarity, breakdowns, version, periods
        case periodType = "period_type"
        case timeIdentifier = "time_identifier"
        case comparableVersions = "comparable_versions"
    }
}
