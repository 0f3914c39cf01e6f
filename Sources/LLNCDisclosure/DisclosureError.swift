/// Everything that can stop a table from being protected. Each case names the table and the
/// cell (never a record), says what is wrong and how to fix it. A table that throws is not
/// publishable: there is no partial or "best effort" result.
public enum DisclosureError: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyTable(table: String)
    case invalidHierarchy(dimension: String, value: String, reason: String)
    case wrongNumberOfValues(table: String, cell: CellKey, expected: Int)
    case unknownDimensionValue(table: String, dimension: String, value: String, cell: CellKey)
    case unknownCell(table: String, cell: CellKey, context: String)
    case duplicateCell(table: String, cell: CellKey)
    case negativeValue(table: String, cell: CellKey, value: Double)
    case missingCell(table: String, cell: CellKey)
    case doesNotAddUp(table: String, cell: CellKey, stated: Double, sumOfParts: Double)
    case invalidPolicy(reason: String)
    case solverFailed(stage: String, code: Int)
    case protectionNotAchieved(table: String, cells: [CellKey])
    /// Two tables protected together give the same cell (same population and values) different
    /// counts, or a table repeats a cell already published in an earlier one.
    case linkedCellsDisagree(label: String, table: String)

    public var description: String {
        switch self {
        case .emptyTable(let table):
            return "table `\(table)` has no cells; give at least one dimension and one count"
        case .invalidHierarchy(let dimension, let value, let reason):
            return "dimension `\(dimension)`: value `\(value)` is invalid because \(reason); give each value exactly one parent under the root"
        case .wrongNumberOfValues(let table, let cell, let expected):
            return "table `\(table)`: cell \(cell) has \(cell.values.count) dimension values but the table has \(expected) dimensions"
        case .unknownDimensionValue(let table, let dimension, let value, let cell):
            return
                "table `\(table)`: cell \(cell) uses `\(value)`, which is not a value of dimension `\(dimension)`; add it to the dimension or correct the cell"
        case .unknownCell(let table, let cell, let context):
            return "table `\(table)`: \(context) refers to cell \(cell), which is not in the table"
        case .duplicateCell(let table, let cell):
            return "table `\(table)`: cell \(cell) is given twice; keep one row per cell"
        case .negativeValue(let table, let cell, let value):
            return "table `\(table)`: cell \(cell) is \(value); counts and sums must be zero or more"
        case .missingCell(let table, let cell):
            return
                "table `\(table)`: cell \(cell) is missing; give every combination of values (0 where there is none), and the margins of magnitude tables with their contributors"
        case .doesNotAddUp(let table, let cell, let stated, let sum):
            return
                "table `\(table)`: cell \(cell) is \(stated) but its parts add up to \(sum); correct the margin or the parts (margins may be left out to be computed)"
        case .invalidPolicy(let reason):
            return "invalid disclosure policy: \(reason)"
        case .solverFailed(let stage, let code):
            return
                "the LP solver failed during \(stage) (GLPK code \(code)); nothing from this table is publishable. Retry; if it persists, report the table's shape"
        case .protectionNotAchieved(let table, let cells):
            let names = cells.prefix(5).map(\.description).joined(separator: ", ")
            return
                "table `\(table)`: secondary suppression could not protect \(cells.count) cell(s) (\(names)); nothing from this table is publishable. Report this table's shape"
        case .linkedCellsDisagree(let label, let table):
            return
                "table `\(table)`: cell `\(label)` is also in another table protected with it, with a different count (or was published in an earlier period under the same name); tables linked by population must count the same children, and each period's population must name its period"
        }
    }
}
