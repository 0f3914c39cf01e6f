import LLNCProtocol

/// One geography's figures for one indicator and breakdown over periods. A series holds only
/// definition versions the catalogue declares comparable with each other: a change of
/// meaning starts a new series rather than joining the old one.
public struct Series: Codable, Sendable, Hashable {
    public enum Geography: String, Codable, Sendable, Hashable, CaseIterable {
        case national, regional, site
    }

    public var indicator: String
    /// The newest definition version in the series.
    public var definitionVersion: Int
    /// Every version whose figures appear in the series.
    public var definitionVersions: [Int]
    public var breakdown: [String: String]
    public var unit: Cell.Unit
    public var geography: Geography
    /// `E92000001`, a region code, or a site's DfE number.
    public var code: String
    /// Oldest period first.
    public var points: [SeriesPoint]

    enum CodingKeys: String, CodingKey {
        case indicator, breakdown, unit, geography, code, points
        case definitionVersion = "definition_version"
        case definitionVersions = "definition_versions"
    }

    public init(
        indicator: String, definitionVersion: Int, definitionVersions: [Int], breakdown: [String: String], unit: Cell.Unit,
        geography: Geography, code: String, points: [SeriesPoint]
    ) {
        self.indicator = indicator
        self.definitionVersion = definitionVersion
        self.definitionVersions = definitionVersions
        self.breakdown = breakdown
        self.unit = unit
        self.geography = geography
        self.code = code
        self.points = points
    }
}

/// One period of a series: the figure as released (exact, an interval, or not shown).
public struct SeriesPoint: Codable, Sendable, Hashable {
    public var period: String
    public var definitionVersion: Int
    public var status: FigureStatus
    public var value: Double?
    public var bounds: Bounds?
    public var confidenceInterval: ConfidenceInterval?
    /// For a site: the status and symbol it sent.
    public var cellStatus: Cell.Status?
    public var symbol: Cell.Symbol?

    enum CodingKeys: String, CodingKey {
        case period, status, value, bounds, symbol
        case definitionVersion = "definition_version"
        case confidenceInterval = "confidence_interval"
        case cellStatus = "cell_status"
    }

    public init(
        period: String, definitionVersion: Int, status: FigureStatus, value: Double? = nil, bounds: Bounds? = nil,
        confidenceInterval: ConfidenceInterval? = nil, cellStatus: Cell.Status? = nil, symbol: Cell.Symbol? = nil
    ) {
        self.period = period
        self.definitionVersion = definitionVersion
        self.status = status
        self.value = value
        self.bounds = bounds
        self.confidenceInterval = confidenceInterval
        self.cellStatus = cellStatus
        self.symbol = symbol
    }
}

/// The change of a series since a baseline period the caller chose.
public struct Change: Codable, Sendable, Hashable {
    public var baselinePeriod: String
    public var period: String
    /// Present only when both ends are exact.
    public var difference: Double?
    /// Every difference consistent with the two figures' bounds; absent when either end is
    /// not shown.
    public var bounds: Bounds?

    enum CodingKeys: String, CodingKey {
        case period, difference, bounds
        case baselinePeriod = "baseline_period"
    }

    public init(baselinePeriod: String, period: String, difference: Double?, bounds: Bounds?) {
        self.baselinePeriod = baselinePeriod
        self.period = period
        self.difference = difference
        self.bounds = bounds
    }
}
