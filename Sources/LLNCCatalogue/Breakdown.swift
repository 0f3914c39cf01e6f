/// A way to split an indicator: a field's codes mapped to output categories, optionally
/// grouped (a two-level hierarchy under `Total`), or a number/month banded (age bands).
///
/// Every row falls into exactly one leaf category (codes not listed, and missing values, go
/// to `otherwise`), so the leaves add up to `Total` and the disclosure library can check and
/// protect the table's margins.
public struct Breakdown: Sendable, Hashable, Encodable {
    public let name: String
    public let title: String
    public let rule: Rule
    /// Category for values the rule does not list and for missing values. Required unless
    /// the rule covers every code of a non-nullable field.
    public let otherwise: String?
    /// Leaf category → its group (for a two-level hierarchy); empty when flat.
    public let groupOf: [String: String]
    /// Groups in file order (empty when flat).
    public let groups: [String]

    public enum Rule: Sendable, Hashable, Encodable {
        /// Codes of `field` → leaf category, in file order.
        case codes(field: String, categories: [Category])
        /// Whole years of age from a month/date field to the period end, in bands.
        case ageBands(field: String, bands: [AgeBand])
    }

    public struct Category: Sendable, Hashable, Encodable {
        public let name: String
        public let codes: [String]
    }

    /// Ages `from...to` (whole years) → `name`.
    public struct AgeBand: Sendable, Hashable, Encodable {
        public let name: String
        public let from: Int
        public let to: Int
    }

    public var field: String {
        switch rule {
        case .codes(let field, _), .ageBands(let field, _): field
        }
    }

    /// Leaf categories in order, `otherwise` last.
    public var leaves: [String] {
        let named: [String] =
            switch rule {
            case .codes(_, let categories): categories.map(\.name)
            case .ageBands(_, let bands): bands.map(\.name)
            }
        return named + (otherwise.map { [$0] } ?? [])
    }

    /// Parent → children, rooted at `Total`: the hierarchy the disclosure library protects.
    public var hierarchy: [String: [String]] {
        guard !groups.isEmpty else { return ["Total": leaves] }
        var children: [String: [String]] = ["Total": groups]
        for leaf in leaves {
            // A leaf outside every group (e.g. `otherwise`) sits directly under Total.
            if let group = groupOf[leaf] { children[group, default: []].append(leaf) } else { children["Total"]!.append(leaf) }
        }
        return children
    }
}
