/// Why a cell was withheld in the first place.
public enum PrimaryRule: String, Sendable, Hashable, Codable {
    /// A count (or a magnitude cell's number of contributors) of 1 to threshold − 1.
    case threshold
    /// A zero in a table marked sensitive: "none of these children" can itself disclose.
    case zeroInSensitiveTable
    /// In a non-sensitive table, a group whose whole count sits in one category.
    case wholeGroupInOneCategory
    /// n,k dominance: the n largest contributors make up more than k% of the cell.
    case dominance
    /// p% rule: the second largest contributor could estimate the largest within p%.
    case pPercent
}

/// What happened to a cell, and so what a reader sees.
public enum CellStatus: Sendable, Hashable {
    /// Published exactly (rounding off, or a magnitude cell).
    case published
    /// Published rounded (from its own unrounded value) to the base.
    case rounded(base: Int)
    case primarySuppressed(PrimaryRule)
    /// Withheld only so that a primary-suppressed cell cannot be worked out from the others.
    case secondarySuppressed
    /// Published with cell-key noise added (see `CellKeyPerturbation`).
    case perturbed

    public var isSuppressed: Bool {
        switch self {
        case .primarySuppressed, .secondarySuppressed: return true
        case .published, .rounded, .perturbed: return false
        }
    }

    /// A sentence for the report beside the table.
    public var reason: String {
        switch self {
        case .published: return "published"
        case .rounded(let base): return "rounded to base \(base)"
        case .primarySuppressed(let rule): return "primary suppression: \(rule.rawValue)"
        case .secondarySuppressed: return "secondary suppression (protects a primary cell)"
        case .perturbed: return "perturbed (cell key method)"
        }
    }
}

/// Explore Education Statistics symbols for cells without a plain number.
public enum Symbol: String, Sendable, Hashable, Codable {
    /// Confidential: suppressed.
    case confidential = "c"
    /// Not zero but rounds to zero.
    case low
    /// Not available (e.g. not collected for this cell).
    case unavailable = "x"
    /// Not applicable (e.g. a percentage of a zero denominator).
    case notApplicable = "z"
}

/// One output cell: what is published for it and why.
public struct ProtectedCell: Sendable, Hashable {
    public var key: CellKey
    public var status: CellStatus
    /// The figure to publish; nil when `symbol` is shown instead.
    public var value: Double?
    public var symbol: Symbol?
}

/// One output percentage: published (rounded) only when its rule is met and both of its
/// cells are published.
public struct ProtectedPercentage: Sendable, Hashable {
    public var definition: PercentageDefinition
    public var value: Double?
    public var symbol: Symbol?
    public var reason: String
}
