/// A table (or view) of the node store that definitions may read, with every field a
/// definition may name and what kind of value it holds.
///
/// Kinds are what make validation data-driven: only categories and flags can become a
/// breakdown; identifiers are never selected (only counted distinct or used to follow a child
/// across years); dates and numbers are used in conditions and measures but never output raw.
public struct Source: Sendable, Hashable, Encodable {
    public let name: String
    public let title: String
    /// The store table or view, e.g. `ssda903_episode`.
    public let table: String
    /// The pseudonymised child key (an identifier field), when rows belong to a child.
    public let child: String?
    /// A per-child, per-year table joined to every row for its attributes (sex, date of birth),
    /// e.g. SSDA903 episodes take the child's sex from `ssda903_header`.
    public let attributes: AttributeJoin?
    /// Every field definitions may name, in file order.
    public let fields: [Field]

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// A second table that holds one row per child and collection year, joined on both.
public struct AttributeJoin: Sendable, Hashable, Encodable {
    public let table: String
    /// Field names taken from it (declared among the source's fields).
    public let fields: [String]
}

public struct Field: Sendable, Hashable, Encodable {
    public enum Kind: String, Sendable, Hashable, Encodable, CaseIterable {
        /// A coded value from a closed list (`codes`).
        case category
        /// `0` or `1`.
        case flag
        /// An ISO date `yyyy-mm-dd`, or a month `yyyy-mm` (dates of birth).
        case date
        case month
        /// A number: summed, averaged, banded or compared, never output raw.
        case number
        /// A pseudonym or other identifier: never selected, never a breakdown.
        case identifier
        /// Free text: no definition may use it at all.
        case text
    }

    public let name: String
    public let kind: Kind
    /// For categories: every code the store may hold.
    public let codes: [String]
    /// Whether the store may hold NULL in this field.
    public let nullable: Bool

    /// The codes a breakdown must cover: a category's list, or a flag's `0`/`1`.
    public var codeList: [String] {
        switch kind {
        case .flag: ["0", "1"]
        case .category: codes
        default: []
        }
    }

    public var canBeBreakdown: Bool { kind == .category || kind == .flag }
}
