import LLNCDisclosure

/// The `--policy` file of `llnc-node protect` and `llnc-node attack` (JSON; see
/// node/PROTECT.md): the disclosure rules plus what a tidy CSV cannot say by itself: whether
/// the table is sensitive, which columns are geography, and any hierarchy below `Total`.
public struct ProtectSettings: Sendable, Decodable {
    public var rules: Policy = .default
    public var sensitive: Bool = true
    /// Columns whose non-leaf cells (regions, England) round to the aggregate base.
    public var geographyColumns: [String] = []
    /// Per column, child value → parent value; values with no parent sit directly under `Total`.
    public var hierarchies: [String: [String: String]] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey { case rules, sensitive, geographyColumns, hierarchies }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rules = try c.decodeIfPresent(Policy.self, forKey: .rules) ?? .default
        sensitive = try c.decodeIfPresent(Bool.self, forKey: .sensitive) ?? true
        geographyColumns = try c.decodeIfPresent([String].self, forKey: .geographyColumns) ?? []
        hierarchies = try c.decodeIfPresent([String: [String: String]].self, forKey: .hierarchies) ?? [:]
    }

    /// The dimension for one column, from the values seen in it (without `Total`).
    func dimension(named name: String, values: [String]) throws -> Dimension {
        let parents = hierarchies[name] ?? [:]
        var children: [String: [String]] = [:]
        var all = values
        for parent in parents.values where !all.contains(parent) && parent != PublishedCSV.total { all.append(parent) }
        for value in all {
            children[parents[value] ?? PublishedCSV.total, default: []].append(value)
        }
        return try Dimension(
            name: name, kind: geographyColumns.contains(name) ? .geography : .category,
            root: PublishedCSV.total, children: children)
    }
}
