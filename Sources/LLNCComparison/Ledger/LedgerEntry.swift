/// One published figure, kept forever so later releases are checked against everything ever
/// released: what it is a sum of (which site cells, which vintages, which part of each) and
/// what was published (exact: a point; inexact: an interval).
///
/// A site's own figure is an entry with one term. A mean of k figures is recorded as their
/// sum (bounds × k); a pooled ratio as two entries, its numerator sum and denominator sum
/// (the ratio adds nothing once both are known); a change as a term with coefficient −1.
public struct LedgerEntry: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case siteCell = "site_cell"
        case aggregate
        case neighbourAverage = "neighbour_average"
        case change
    }

    /// The release that published it.
    public var release: String
    /// A stable name of the figure, e.g. `national:E92000001/cla_count/1/2024-25//value`.
    public var figure: String
    public var kind: Kind
    public var terms: [LedgerTerm]
    /// What was published about Σ coefficient × term.
    public var bounds: Bounds

    public init(release: String, figure: String, kind: Kind, terms: [LedgerTerm], bounds: Bounds) {
        self.release = release
        self.figure = figure
        self.kind = kind
        self.terms = terms
        self.bounds = bounds
    }
}

/// One site cell (one vintage, one part) inside a published figure.
public struct LedgerTerm: Codable, Sendable, Hashable {
    public enum Part: String, Codable, Sendable, Hashable, CaseIterable {
        case value, numerator, denominator
    }

    /// The site's DfE number.
    public var site: String
    /// `indicator/definition_version/period/breakdown`, breakdown as sorted `dim=cat` pairs
    /// joined by commas (empty for the overall figure), as the hub keys cells.
    public var cell: String
    public var part: Part
    /// The sequence of the submission that brought the value.
    public var vintage: UInt64
    /// +1 or −1.
    public var coefficient: Int

    public init(site: String, cell: String, part: Part, vintage: UInt64, coefficient: Int = 1) {
        self.site = site
        self.cell = cell
        self.part = part
        self.vintage = vintage
        self.coefficient = coefficient
    }
}

/// A figure a release does not publish, and why.
public struct WithheldFigure: Codable, Sendable, Hashable {
    public var figure: String
    /// `withheld:differencing` (would narrow a protected cell), `withheld:solver` (the LP
    /// failed, so nothing derived is released).
    public var reason: String

    public init(figure: String, reason: String) {
        self.figure = figure
        self.reason = reason
    }
}

/// A protected cell that releases before this one already narrowed (the new release did
/// not make it worse, but the operator should know).
public struct Exposure: Codable, Sendable, Hashable {
    public var site: String
    public var cell: String
    public var part: LedgerTerm.Part
    /// What an attacker can prove about it from everything released.
    public var bounds: Bounds

    public init(site: String, cell: String, part: LedgerTerm.Part, bounds: Bounds) {
        self.site = site
        self.cell = cell
        self.part = part
        self.bounds = bounds
    }
}
