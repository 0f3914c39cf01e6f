import LLNCCatalogue
import LLNCDisclosure

/// The rows a compiled query returned: categories, then aggregates (nil for SQL NULL).
public struct QueryRow: Sendable, Hashable {
    public let categories: [String?]
    public let values: [Double?]

    public init(categories: [String?], values: [Double?]) {
        self.categories = categories
        self.values = values
    }
}

/// Turns query results into the indicator's disclosure table (margins included), protects
/// it, and maps every protected cell to a batch cell. Pure: no database, no I/O.
public struct IndicatorTable {
    public let compiled: CompiledIndicator
    public let policy: Policy

    public init(compiled: CompiledIndicator, policy: Policy) {
        self.compiled = compiled
        self.policy = policy
    }

    var indicator: Indicator { compiled.indicator }

    /// The dimension named for an overall figure when an indicator has no breakdown.
    static let overall = "overall"
    /// The dimension that splits a percentage's denominator into numerator and the rest.
    static let outcome = "outcome"

    /// Leaf categories used by the rows, per dimension; refuses rows in no category.
    func usedLeaves(_ rows: [QueryRow]) throws(IndicatorError) -> [Set<String>] {
        var used = [Set<String>](repeating: [], count: compiled.dimensions.count)
        for row in rows {
            for (d, category) in row.categories.prefix(compiled.dimensions.count).enumerated() {
                guard let category else { throw .uncategorisedRows(indicator: indicator.id, breakdown: compiled.dimensions[d].name) }
                used[d].insert(category)
            }
        }
        return used
    }

    /// The library's dimensions: each breakdown's hierarchy, without an `otherwise` leaf no
    /// row fell in (an empty "not recorded" says nothing and would only force suppressions).
    func dimensions(used: [Set<String>]) throws(IndicatorError) -> [Dimension] {
        do {
            guard !compiled.dimensions.isEmpty else { return [try Dimension(name: Self.overall, values: ["all"])] }
            return try compiled.dimensions.enumerated().map { d, plan in
                var hierarchy = plan.hierarchy
                if let otherwise = plan.otherwise, !used[d].contains(otherwise) {
                    hierarchy = hierarchy.mapValues { $0.filter { $0 != otherwise } }
                }
                return try Dimension(name: plan.name, root: "Total", children: hierarchy)
            }
        } catch {
            throw .disclosure(indicator: indicator.id, reason: String(describing: error))
        }
    }

    /// Every combination of leaf values of `dimensions`.
    static func leafKeys(_ dimensions: [Dimension]) -> [[String]] {
        dimensions.reduce([[]]) { keys, dimension in
            let leaves = dimension.values.filter { dimension.isLeaf($0) }
            return keys.flatMap { key in leaves.map { key + [$0] } }
        }
    }

    /// Every combination of all values (margins included) of `dimensions`.
    static func allKeys(_ dimensions: [Dimension]) -> [[String]] {
        dimensions.reduce([[]]) { keys, dimension in keys.flatMap { key in dimension.values.map { key + [$0] } } }
    }

    /// The cell's breakdown: breakdown dimensions only, `{}` for the overall figure.
    func breakdown(_ key: [String], dimensions: [Dimension]) -> [String: String] {
        var out: [String: String] = [:]
        for (dimension, value) in zip(dimensions, key) where dimension.name != Self.overall && dimension.name != Self.outcome {
            out[dimension.name] = value
        }
        return out.values.allSatisfy { $0 == "Total" } ? [:] : out
    }
}
