import LLNCProtocol

/// A site's current cell as the hub holds it: the input of the merge and the re-check.
public struct SiteCell: Codable, Sendable, Hashable {
    /// The site's DfE number.
    public var site: String
    public var cell: Cell
    /// The sequence of the submission that brought it.
    public var vintage: UInt64
    /// False when the hub holds the figure but must not release it at site level (the site
    /// is embargoed or revoked, say). Its value may still enter aggregates, which the
    /// re-check then proves do not give it away.
    public var releasable: Bool
    /// True when the site says this revision changed the true value; otherwise an attacker
    /// is assumed to take a revised cell's true value as unchanged across vintages.
    public var valueChanged: Bool

    enum CodingKeys: String, CodingKey {
        case site, cell, vintage, releasable
        case valueChanged = "value_changed"
    }

    public init(site: String, cell: Cell, vintage: UInt64, releasable: Bool = true, valueChanged: Bool = false) {
        self.site = site
        self.cell = cell
        self.vintage = vintage
        self.releasable = releasable
        self.valueChanged = valueChanged
    }

    /// `Cell.key`, as `LedgerTerm.cell`.
    public var key: String { cell.key }
}

/// Within one site's submission (one vintage): a breakdown's parent cell equals the sum of
/// its children (`Total` = Σ categories, a group = Σ its leaves), other dimensions fixed.
public struct SiteRelation: Codable, Sendable, Hashable {
    public var site: String
    public var vintage: UInt64
    /// Cell keys, as `Cell.key`.
    public var parent: String
    public var children: [String]
    /// Set when the relation is a catalogue identity (its name, period and binding) rather
    /// than a breakdown's additivity; such a relation may join submissions (periods), and
    /// `parent` may be an auxiliary `identity:` key standing for a two-sided sum.
    public var identity: String?

    public init(site: String, vintage: UInt64, parent: String, children: [String], identity: String? = nil) {
        self.site = site
        self.vintage = vintage
        self.parent = parent
        self.children = children
        self.identity = identity
    }
}
