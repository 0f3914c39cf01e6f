import LLNCCatalogue

/// An indicator compiled for one period: its table's dimensions and the grouped queries that
/// fill it. Every query selects only dimension categories and aggregates.
public struct CompiledIndicator: Sendable {
    /// One dimension of the indicator's table, with the hierarchy its margins follow.
    public struct DimensionPlan: Sendable, Hashable {
        public let name: String
        /// Parent → children, rooted at `Total`.
        public let hierarchy: [String: [String]]
        /// The catch-all leaf, dropped from the table when no row falls in it.
        public let otherwise: String?
    }

    /// A grouped query: the first `dimensionCount` columns are categories (`d0`, `d1`, ...),
    /// the rest aggregates.
    public struct Query: Sendable, Hashable {
        public let sql: String
        public let arguments: [SQLFragment.Argument]
        public let dimensionCount: Int
    }

    public let indicator: Indicator
    public let period: ReportingPeriod
    public let dimensions: [DimensionPlan]
    /// Counts: columns `n` (counted) and `met` (in the numerator), at leaf level only (margins
    /// are sums of leaves, which the disclosure library computes and checks).
    public let counts: Query?
    /// Magnitude measures: one query per combination of hierarchy levels (margins of sums
    /// need their own largest contributors): `total`, `row_count`, `contributors`, `largest`, `second_largest`.
    public let cube: [Query]
    /// Medians: one query per combination of levels: `median`.
    public let medians: [Query]
    /// Rates: the population denominator (`population`).
    public let population: Query?

    /// Every query, in the order the engine runs them.
    public var queries: [Query] { [counts, population].compactMap { $0 } + cube + medians }
}
