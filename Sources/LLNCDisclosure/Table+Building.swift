extension Table {
    /// A table of counts. `counts` must hold every leaf cell (every dimension at a leaf value);
    /// margins may be given, in which case they must equal the sum of their parts, or left out,
    /// in which case they are computed from the unrounded parts.
    public static func frequency(
        name: String, dimensions: [Dimension], counts: [CellKey: Int], isSensitive: Bool = true,
        percentages: [PercentageDefinition] = []
    ) throws -> Table {
        let given = counts.mapValues(Double.init)
        for (key, value) in counts where value < 0 {
            throw DisclosureError.negativeValue(table: name, cell: key, value: Double(value))
        }
        return try build(
            name: name, dimensions: dimensions, kind: .frequency, isSensitive: isSensitive,
            percentages: percentages, given: given, contributors: [:])
    }

    /// A table of sums with the contributors of every cell, margins included: a margin's
    /// largest contributions cannot be derived from its parts (one provider can contribute
    /// to several), so they are never computed here.
    public static func magnitude(
        name: String, dimensions: [Dimension], cells: [CellKey: (value: Double, contributors: Contributors)],
        isSensitive: Bool = true
    ) throws -> Table {
        for (key, cell) in cells where cell.value < 0 || cell.value.isNaN {
            throw DisclosureError.negativeValue(table: name, cell: key, value: cell.value)
        }
        return try build(
            name: name, dimensions: dimensions, kind: .magnitude, isSensitive: isSensitive, percentages: [],
            given: cells.mapValues(\.value), contributors: cells.mapValues(\.contributors))
    }

    private static func build(
        name: String, dimensions: [Dimension], kind: Kind, isSensitive: Bool,
        percentages: [PercentageDefinition], given: [CellKey: Double], contributors: [CellKey: Contributors]
    ) throws -> Table {
        guard !dimensions.isEmpty, !given.isEmpty else { throw DisclosureError.emptyTable(table: name) }
        var shape = Table(
            name: name, dimensions: dimensions, kind: kind, isSensitive: isSensitive, percentages: percentages,
            values: [], contributors: [])
        let count = dimensions.reduce(1) { $0 * $1.values.count }
        var values = [Double?](repeating: nil, count: count)
        var contributorsByIndex = [Contributors?](repeating: nil, count: count)
        for (key, value) in given {
            guard let index = try locate(key, in: dimensions, table: name, shape: shape) else { continue }
            values[index] = value
            contributorsByIndex[index] = contributors[key]
        }
        shape = Table(
            name: name, dimensions: dimensions, kind: kind, isSensitive: isSensitive, percentages: percentages,
            values: [Double](repeating: 0, count: count), contributors: [])
        // Fill missing margins bottom-up: the deepest cells first, so children exist before parents.
        let depths = (0..<count).map { depthSum(shape, $0) }
        let order = (0..<count).sorted { depths[$0] > depths[$1] }
        for index in order where values[index] == nil {
            let coordinates = shape.coordinates(of: index)
            guard kind == .frequency,
                let d = dimensions.indices.first(where: { !dimensions[$0].isLeaf(dimensions[$0].values[coordinates[$0]]) })
            else { throw DisclosureError.missingCell(table: name, cell: shape.key(at: index)) }
            var child = coordinates
            var sum = 0.0
            for kid in dimensions[d].children(of: dimensions[d].values[coordinates[d]]) {
                child[d] = dimensions[d].position(of: kid)!
                guard let value = values[shape.index(ofCoordinates: child)] else {
                    throw DisclosureError.missingCell(table: name, cell: shape.key(at: shape.index(ofCoordinates: child)))
                }
                sum += value
            }
            values[index] = sum
        }
        let table = Table(
            name: name, dimensions: dimensions, kind: kind, isSensitive: isSensitive, percentages: percentages,
            values: values.map { $0! }, contributors: contributorsByIndex)
        for relation in table.relations {
            let sum = relation.children.reduce(0.0) { $0 + table.values[$1] }
            let stated = table.values[relation.parent]
            if abs(sum - stated) > 1e-9 * max(1, abs(stated)) {
                throw DisclosureError.doesNotAddUp(table: name, cell: table.key(at: relation.parent), stated: stated, sumOfParts: sum)
            }
        }
        for percentage in percentages {
            for key in [percentage.numerator, percentage.denominator] where table.index(of: key) == nil {
                throw DisclosureError.unknownCell(table: name, cell: key, context: "percentage `\(percentage.name)`")
            }
        }
        return table
    }

    private static func locate(_ key: CellKey, in dimensions: [Dimension], table: String, shape: Table) throws -> Int? {
        guard key.values.count == dimensions.count else {
            throw DisclosureError.wrongNumberOfValues(table: table, cell: key, expected: dimensions.count)
        }
        for (d, value) in key.values.enumerated() where !dimensions[d].contains(value) {
            throw DisclosureError.unknownDimensionValue(table: table, dimension: dimensions[d].name, value: value, cell: key)
        }
        return shape.index(of: key)
    }

    private static func depthSum(_ shape: Table, _ index: Int) -> Int {
        let coordinates = shape.coordinates(of: index)
        return shape.dimensions.enumerated().reduce(0) { $0 + $1.element.depth(of: $1.element.values[coordinates[$1.offset]]) }
    }
}
