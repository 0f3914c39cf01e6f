import LLNCCatalogue

/// The range of values a figure can take given what was published: `lower == upper` for an
/// exact figure; `upper` nil when nothing published bounds it from above.
public struct Bounds: Codable, Sendable, Hashable {
    public var lower: Double
    public var upper: Double?

    public init(lower: Double, upper: Double?) {
        self.lower = lower
        self.upper = upper
    }

    public static func exactly(_ value: Double) -> Bounds { Bounds(lower: value, upper: value) }

    public var isExact: Bool { upper.map { $0 - lower < 1e-9 } ?? false }
}

/// A 95% confidence interval and how it was computed.
public struct ConfidenceInterval: Codable, Sendable, Hashable {
    public enum Method: String, Codable, Sendable, Hashable, CaseIterable {
        /// Wilson score interval for a proportion (percentages).
        case wilson
        /// Byar's approximation to the exact Poisson interval (rates, observed count ≥ 10).
        case byar
        /// The exact Poisson interval from the chi-squared distribution (rates, count < 10).
        case exactPoisson = "exact_poisson"
    }

    public var lower: Double
    public var upper: Double
    public var level: Double
    public var method: Method

    public init(lower: Double, upper: Double, level: Double = 0.95, method: Method) {
        self.lower = lower
        self.upper = upper
        self.level = level
        self.method = method
    }
}

/// Which direction is good, as the catalogue says (`Indicator.Polarity`), in a form the JSON
/// API can also read back.
public enum Polarity: String, Codable, Sendable, Hashable, CaseIterable {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
    case neither

    public init(_ polarity: Indicator.Polarity) {
        switch polarity {
        case .higherIsBetter: self = .higherIsBetter
        case .lowerIsBetter: self = .lowerIsBetter
        case .neither: self = .neither
        }
    }
}

/// A site against England: `better`/`similar`/`worse` by polarity, `higher`/`similar`/`lower`
/// for polarity `neither`, `not_computed` when either confidence interval is missing.
public enum Significance: String, Codable, Sendable, Hashable, CaseIterable {
    case better, similar, worse, higher, lower
    case notComputed = "not_computed"
}

/// How a derived figure (aggregate or neighbour average) may be shown.
public enum FigureStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// Every contributor's value is known exactly: `value` is the figure.
    case exact
    /// `value` is a rounded figure, or computed from counts the sites published rounded (a
    /// pooled percentage of rounded numerators and denominators, a site's percentage shown to
    /// whole numbers): the true figure lies within `bounds`, which is always given. Never
    /// labelled exact, since it is not.
    case rounded
    /// Suppressed, rounded or low contributors make it inexact: `bounds` holds every value
    /// it could be; `value` is absent (never a silently wrong total).
    case interval
    /// Computed but not released: `reason` says why (e.g. `withheld:differencing`).
    case withheld
    /// No contributor reported a usable figure.
    case noData = "no_data"
}

extension FigureStatus {
    /// Whether `value` is given (exact, or rounded with its bounds beside it).
    public var showsValue: Bool { self == .exact || self == .rounded }
}

/// How an aggregate was formed from the sites' figures (documented in hub/COMPARISONS.md).
public enum AggregateMethod: String, Codable, Sendable, Hashable, CaseIterable {
    /// Counts: the sum over reporting sites.
    case sum
    /// Percentages and rates: Σ numerators / Σ denominators over sites that published both.
    case pooledRatio = "pooled_ratio"
    /// Money and days: the unweighted mean of the sites that showed a value, with its range.
    case unweightedMean = "unweighted_mean"
}

/// Who was expected to report a figure and what they sent.
public struct Completeness: Codable, Sendable, Hashable {
    /// Enrolled sites in the geography (or neighbours in the group).
    public var expected: Int
    /// Sites with a current cell for this indicator, period and breakdown (any status).
    public var reported: Int
    /// Sites whose figure is shown as a number (published, rounded, perturbed).
    public var shown: Int
    /// Sites whose figure is suppressed (symbol c), or held at the hub and not released.
    public var suppressed: Int
    /// Sites that sent `unavailable` or `not_applicable`.
    public var unavailable: Int

    public init(expected: Int, reported: Int, shown: Int, suppressed: Int, unavailable: Int) {
        self.expected = expected
        self.reported = reported
        self.shown = shown
        self.suppressed = suppressed
        self.unavailable = unavailable
    }
}
