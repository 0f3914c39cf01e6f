/// A complete table to protect: every combination of every dimension's values (margins
/// included) has a cell, and every margin equals the sum of its children along each dimension.
/// Build one with `Table.frequency` or `Table.magnitude`; both check the input and throw a
/// `DisclosureError` naming the first bad cell, so nothing downstream sees an inconsistent table.
public struct Table: Sendable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Counts of distinct children: threshold, zero and rounding rules apply.
        case frequency
        /// Sums (money, days): threshold on contributors and dominance rules apply.
        case magnitude
    }

    /// Names the table in findings and errors; tables protected together need distinct names.
    public var name: String
    public let dimensions: [Dimension]
    public let kind: Kind
    /// Sensitive tables (the default) treat zeros as disclosive; non-sensitive tables publish
    /// zeros but no group may have 100% in one category.
    public let isSensitive: Bool
    public let percentages: [PercentageDefinition]
    /// What the table counts, for linking it with other tables in one attack or one
    /// protection: cells of tables with the same population and the same non-root
    /// dimension values are the same number (an indicator's definition and period, say). Empty
    /// (the default) links every table audited together by dimension values alone.
    public var population: String = ""
    /// Cell values by linear index (see `index(of:)`).
    public let values: [Double]
    /// Magnitude tables only: the contributors of each cell, by linear index.
    public let contributors: [Contributors?]
    private let strides: [Int]

    init(
        name: String, dimensions: [Dimension], kind: Kind, isSensitive: Bool,
        percentages: [PercentageDefinition], values: [Double], contributors: [Contributors?]
    ) {
        self.name = name
        self.dimensions = dimensions
        self.kind = kind
        self.isSensitive = isSensitive
        self.percentages = percentages
        self.values = values
        self.contributors = contributors
        var strides = [Int](repeating: 1, count: dimensions.count)
        for d in stride(from: dimensions.count - 2, through: 0, by: -1) {
            strides[d] = strides[d + 1] * dimensions[d + 1].values.count
        }
        self.strides = strides
    }

    public var cellCount: Int { values.count }

    /// The cell's name when tables are attacked or protected together (see `population`).
    public func label(of index: Int) -> String {
        let key = key(at: index)
        let parts = zip(dimensions, key.values).compactMap { dimension, value in
            value == dimension.root ? nil : "\(dimension.name)=\(value)"
        }
        let cell = parts.isEmpty ? "(all)" : parts.sorted().joined(separator: "; ")
        return population.isEmpty ? cell : "\(population) | \(cell)"
    }

    /// The label a cell with these dimension values (others at their root) has in a table of
    /// `population`; how identities between tables name their cells.
    public static func label(population: String, values: [String: String]) -> String {
        let parts = values.map { "\($0.key)=\($0.value)" }
        let cell = parts.isEmpty ? "(all)" : parts.sorted().joined(separator: "; ")
        return population.isEmpty ? cell : "\(population) | \(cell)"
    }

    /// The linear index of a cell, or nil if a value is not in its dimension.
    public func index(of key: CellKey) -> Int? {
        guard key.values.count == dimensions.count else { return nil }
        var index = 0
        for (d, value) in key.values.enumerated() {
            guard let position = dimensions[d].position(of: value) else { return nil }
            index += position * strides[d]
        }
        return index
    }

    public func key(at index: Int) -> CellKey {
        CellKey(coordinates(of: index).enumerated().map { dimensions[$0].values[$1] })
    }

    public func value(of key: CellKey) -> Double? { index(of: key).map { values[$0] } }

    func coordinates(of index: Int) -> [Int] {
        strides.enumerated().map { d, stride in (index / stride) % dimensions[d].values.count }
    }

    func index(ofCoordinates coordinates: [Int]) -> Int {
        zip(coordinates, strides).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Every additivity constraint of the table: for each dimension and each non-leaf value
    /// in it, the cell equals the sum of the cells of its children, all other dimensions fixed.
    public var relations: [Relation] {
        var relations: [Relation] = []
        for cell in 0..<cellCount {
            let coordinates = coordinates(of: cell)
            for (d, dimension) in dimensions.enumerated() {
                let kids = dimension.children(of: dimension.values[coordinates[d]])
                guard !kids.isEmpty else { continue }
                var child = coordinates
                let childIndexes = kids.map { kid -> Int in
                    child[d] = dimension.position(of: kid)!
                    return index(ofCoordinates: child)
                }
                relations.append(Relation(parent: cell, children: childIndexes))
            }
        }
        return relations
    }

    /// The dimension of each relation, parallel to `relations`, for rules that only apply
    /// along category dimensions.
    var relationDimensions: [Int] {
        var result: [Int] = []
        for index in 0..<cellCount {
            let coordinates = coordinates(of: index)
            for (d, dimension) in dimensions.enumerated() where !dimension.isLeaf(dimension.values[coordinates[d]]) {
                result.append(d)
            }
        }
        return result
    }

    /// True when every geography dimension of the cell is at its leaf level (a site), so the
    /// finer site rounding base applies; regional and national cells round coarser.
    func isSiteLevel(_ index: Int) -> Bool {
        let coordinates = coordinates(of: index)
        return dimensions.enumerated().allSatisfy { d, dimension in
            dimension.kind != .geography || dimension.isLeaf(dimension.values[coordinates[d]])
        }
    }
}
