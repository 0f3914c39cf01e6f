import LLNCProtocol

/// One entry of the catalogue: what is measured, why, how it is read, and its declarative
/// definition. Every site computes the same definition, so comparisons compare like with like.
public struct Indicator: Sendable, Hashable, Encodable {
    /// The programme's five practices an indicator can serve.
    public enum Practice: String, Sendable, Hashable, Encodable, CaseIterable {
        case data, voice, ethics, use, learning
    }

    /// Which direction is good, so comparisons can say better / similar / worse.
    public enum Polarity: String, Sendable, Hashable, Encodable, CaseIterable {
        case higherIsBetter = "higher_is_better"
        case lowerIsBetter = "lower_is_better"
        case neither
    }

    /// How a period such as `2024-25` is read.
    public enum PeriodType: String, Sendable, Hashable, Codable, CaseIterable {
        /// 1 April to 31 March (SSDA903, CIN census).
        case reportingYear = "reporting_year"
        /// 1 September to 31 August (EYFSP).
        case academicYear = "academic_year"
        /// 1 April to 31 March (costs).
        case financialYear = "financial_year"

        /// Explore Education Statistics' `time_identifier`.
        public var timeIdentifier: String {
            switch self {
            case .reportingYear: "Reporting year"
            case .academicYear: "Academic year"
            case .financialYear: "Financial year"
            }
        }
    }

    /// Which disclosure rules apply.
    public struct Disclosure: Sendable, Hashable, Encodable {
        public enum Class: String, Sendable, Hashable, Encodable, CaseIterable {
            /// Counts of children or events: threshold, zero and rounding rules.
            case frequency
            /// Sums of money or days: contributor threshold and dominance rules.
            case magnitude
        }
        public let `class`: Class
        /// Sensitive tables treat a zero as disclosive ("none of these children").
        public let sensitive: Bool
    }

    public let id: String
    /// The catalogue file (family) it was read from, e.g. `stock-and-flow.yaml`.
    public let file: String
    public let title: String
    public let description: String
    public let purpose: String
    public let practice: [Practice]
    public let unit: Cell.Unit
    public let polarity: Polarity
    public let period: PeriodType
    /// Breakdown names, in output order.
    public let breakdowns: [String]
    public let disclosure: Disclosure
    /// Carried by every cell; bumped when the definition changes meaning.
    public let version: Int
    /// Earlier versions whose figures can be compared with this one.
    public let comparableVersions: [Int]
    public let definition: Definition
}
