/// A definitional identity between indicators' cells, declared in a family file under
/// `identities:`: the cells in `left` add up to the cells in `right`, for every site and
/// period, because of how the indicators are defined (the same children under another
/// breakdown; a stock and the flows that change it). A reader who knows the definitions
/// knows the identity, so a node protects the indicators it links as one problem and the hub
/// re-checks releases with it (node/PROTECT.md, "Linked indicators").
///
/// A breakdown value may hold one variable, `{name}`, with text around it
/// (`looked_after:{group}`): the identity then holds for every value the variable takes in
/// the first left term's table. Dimensions a term leaves out are at their total.
public struct Identity: Sendable, Hashable, Encodable {
    public struct Term: Sendable, Hashable, Encodable {
        public let indicator: String
        /// Dimension (a breakdown, or `from_state`/`to_state`) → value or pattern.
        public let breakdown: [String: String]
        /// The previous period's figure (a stock at the start of the year).
        public let previousPeriod: Bool

        public init(indicator: String, breakdown: [String: String] = [:], previousPeriod: Bool = false) {
            self.indicator = indicator
            self.breakdown = breakdown
            self.previousPeriod = previousPeriod
        }

        enum CodingKeys: String, CodingKey {
            case indicator, breakdown
            case previousPeriod = "previous_period"
        }
    }

    public let name: String
    /// Why it holds, in the catalogue's words (shown in the node's review).
    public let why: String
    public let file: String
    public let left: [Term]
    public let right: [Term]

    public init(name: String, why: String, file: String, left: [Term], right: [Term]) {
        self.name = name
        self.why = why
        self.file = file
        self.left = left
        self.right = right
    }

    enum CodingKeys: String, CodingKey { case name, why, left, right }

    public var terms: [Term] { left + right }

    /// The variable's name, if a term's value holds `{name}`.
    public var variable: String? {
        for term in terms {
            for value in term.breakdown.values { if let v = Self.pattern(value)?.variable { return v } }
        }
        return nil
    }

    /// `prefix{variable}suffix`, or nil for a literal value.
    public static func pattern(_ value: String) -> (prefix: String, variable: String, suffix: String)? {
        guard let open = value.firstIndex(of: "{"), let close = value[open...].firstIndex(of: "}") else { return nil }
        let name = String(value[value.index(after: open)..<close])
        return (String(value[..<open]), name, String(value[value.index(after: close)...]))
    }

    /// The value `pattern` matches in `value` (the variable's binding), or nil; a literal
    /// matches only itself and binds nothing (returns "").
    public static func bind(_ pattern: String, to value: String) -> String? {
        guard let p = Self.pattern(pattern) else { return pattern == value ? "" : nil }
        guard value.hasPrefix(p.prefix), value.hasSuffix(p.suffix), value.count > p.prefix.count + p.suffix.count else { return nil }
        return String(value.dropFirst(p.prefix.count).dropLast(p.suffix.count))
    }

    /// Whether a cell (its dimension → value; a dimension absent or at `root` is at its total)
    /// is one `term` names: the variable's value it binds, "" for a term without one, nil when
    /// it does not match. Node and hub both find an identity's cells this way.
    public static func binding(of term: Term, cell: [String: String], root: String = "Total") -> String? {
        var binding = ""
        for (dimension, value) in cell where term.breakdown[dimension] == nil && value != root { return nil }
        for (dimension, pattern) in term.breakdown {
            guard let value = cell[dimension], let bound = bind(pattern, to: value) else { return nil }
            if Self.pattern(pattern) != nil {
                guard bound != root else { return nil }
                binding = bound
            }
        }
        return binding
    }

    /// `pattern` with the variable replaced by `binding`.
    public static func substitute(_ pattern: String, _ binding: String) -> String {
        guard let p = Self.pattern(pattern) else { return pattern }
        return p.prefix + binding + p.suffix
    }
}
