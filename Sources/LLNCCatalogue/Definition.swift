/// A declarative indicator definition: data, never code. The node compiles it to a grouped
/// SQL query itself, so the only things a definition can ask for are aggregates.
public struct Definition: Sendable, Hashable, Encodable {
    /// Which rows of the source belong to the period.
    public enum Population: Sendable, Hashable, Encodable {
        /// Every row of the period's collection year (one record per child per year: EYFSP).
        case records
        /// Rows whose `date` falls within the period.
        case events(date: String)
        /// Rows open at the end of the period: `start` on or before it, `end` missing or after it.
        case openAtEnd(start: String, end: String)
        /// Children's state at the end of the previous period and at the end of this one
        /// (a flow matrix): the first state in `states` a child is in wins.
        case transition(states: [StateRule], otherwise: String)
    }

    /// One state of a flow matrix: rows of `source` open at a year's end. With `breakdown`,
    /// the state is named `name:category` by that breakdown (placement type groups).
    public struct StateRule: Sendable, Hashable, Encodable {
        public let name: String
        public let source: String
        public let start: String
        public let end: String
        public let breakdown: String?
    }

    public enum Measure: String, Sendable, Hashable, Encodable, CaseIterable {
        /// Each child once (with the breakdowns of their latest row in the period).
        case distinctChildren = "distinct_children"
        /// Each row.
        case events
        /// Sum, mean or median of a number field.
        case sum, mean, median

        public var isMagnitude: Bool { self == .sum || self == .mean || self == .median }
    }

    /// The denominator of a rate: the population estimate for ages `fromAge...toAge`.
    public struct PopulationDenominator: Sendable, Hashable, Encodable {
        public let source: String
        public let fromAge: Int
        public let toAge: Int
    }

    public let source: String
    public let population: Population
    /// Conditions every counted row meets.
    public let filters: [Condition]
    public let measure: Measure
    /// The number field of `sum`, `mean` and `median`.
    public let value: String?
    /// For percentages: conditions that put a counted row (or child) in the numerator; the
    /// denominator is everything counted.
    public let numerator: [Condition]
    /// For rates per 10,000.
    public let denominator: PopulationDenominator?
}

/// A condition on a row. Field conditions compare one field; the longitudinal ones follow
/// the same child through the source's other rows (any collection year) by its pseudonym.
public indirect enum Condition: Sendable, Hashable, Encodable {
    case isIn(field: String, codes: [String])
    case notIn(field: String, codes: [String])
    case isMissing(field: String)
    case isPresent(field: String)
    /// Number field within `from...to` (either bound optional).
    case between(field: String, from: Double?, to: Double?)
    /// Whole years of age (from a month/date field) at the period end within `from...to`.
    case ageAtEnd(field: String, from: Int, to: Int)
    /// The same child has an earlier row (by the population's date) within `months` before
    /// this one: re-referrals.
    case earlierRowWithinMonths(Int)
    /// The same child has at least `count` rows in the period that meet `where`:
    /// three or more placements.
    case rowsInPeriodAtLeast(count: Int, where: [Condition])
    /// The child's latest row (any year) meeting `where`, with `date` on or before the period
    /// end, started at least `months` before the end: in care 2½ years, same carer 2 years.
    case latestRowAtLeastMonthsBeforeEnd(date: String, months: Int, where: [Condition])

    /// Fields this condition reads directly (not those inside nested `where` lists).
    public var field: String? {
        switch self {
        case .isIn(let f, _), .notIn(let f, _), .isMissing(let f), .isPresent(let f), .between(let f, _, _),
            .ageAtEnd(let f, _, _), .latestRowAtLeastMonthsBeforeEnd(let f, _, _):
            f
        case .earlierRowWithinMonths, .rowsInPeriodAtLeast: nil
        }
    }
}
