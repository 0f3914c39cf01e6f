/// A dataset the node ingests: its name on the command line, its columns, the table that
/// keeps it, and the rules a row or a child's rows must keep.
///
/// Layouts are data so that validation, storage and documentation cannot drift apart; the
/// schema test checks every stored column exists in the migrated table. A class, so the
/// million row views of a large file share one layout instead of copying it.
public final class DatasetLayout: Sendable {
    /// Command-line name, e.g. `903-episodes`.
    public let name: String
    /// What an analyst calls it, e.g. "SSDA903 Episodes".
    public let title: String
    public let table: String
    public let columns: [Column]
    public let rowRules: [RowRule]
    public let fileRules: [FileRule]
    /// Columns computed from others after validation (e.g. age at a birthday, GLD).
    public let derived: [DerivedColumn]
    /// Groups of columns of which a row must fill at least one (CHILD or UPN).
    public let oneOf: [[String]]
    private let indexByName: [String: Int]

    public init(
        name: String, title: String, table: String, columns: [Column], oneOf: [[String]] = [],
        rowRules: [RowRule] = [], fileRules: [FileRule] = [], derived: [DerivedColumn] = []
    ) {
        self.name = name
        self.title = title
        self.table = table
        self.columns = columns
        self.oneOf = oneOf
        self.rowRules = rowRules
        self.fileRules = fileRules
        self.derived = derived
        // Both spellings: rules name columns as declared (found without upper-casing, which
        // costs an allocation per lookup on the hot path), headers in any case.
        var index: [String: Int] = [:]
        for (i, column) in columns.enumerated() {
            index[column.name] = i
            index[column.name.uppercased()] = i
        }
        self.indexByName = index
    }

    public func index(of column: String) -> Int? { indexByName[column] ?? indexByName[column.uppercased()] }

    /// The store's column names, in insert order: stored layout columns then derived ones.
    public var storedColumns: [String] { columns.compactMap(\.stored) + derived.map(\.stored) }
}

/// A validated row as rules see it: values by column name, with the file, line and year.
public struct RowView: Sendable {
    public let layout: DatasetLayout
    public let values: [FieldValue]
    public let year: Int

    public subscript(_ column: String) -> FieldValue {
        guard let i = layout.index(of: column) else { return .none }
        return values[i]
    }
}

/// A rule on one row, e.g. "DEC is on or after DECOM".
public struct RowRule: Sendable {
    public let id: String
    /// The column the error points at.
    public let column: String
    public let message: String
    public let fix: String
    /// True when the row keeps the rule. Only called when every column it names parsed.
    public let holds: @Sendable (RowView) -> Bool

    public init(_ id: String, column: String, message: String, fix: String, holds: @escaping @Sendable (RowView) -> Bool) {
        self.id = id
        self.column = column
        self.message = message
        self.fix = fix
        self.holds = holds
    }
}

/// A rule across a child's rows (or the whole file), e.g. "a child's episodes do not overlap".
public struct FileRule: Sendable {
    public let id: String
    public let column: String
    public let message: String
    public let fix: String
    /// The columns that split the rows into groups the rule judges separately (a child's
    /// rows): the store hands `violations` one group at a time, so an ingest never holds
    /// more than one child's rows in memory.
    public let partition: [String]
    /// Every column `violations` reads (the partition's included); all are stored columns.
    public let columns: [String]
    /// Indices (into `rows`, in file order) of rows that break the rule. Given all rows or
    /// any union of whole partitions, it finds the same breaks.
    public let violations: @Sendable (_ rows: [RowView]) -> [Int]

    public init(
        _ id: String, column: String, message: String, fix: String, partition: [String], columns: [String],
        violations: @escaping @Sendable ([RowView]) -> [Int]
    ) {
        self.id = id
        self.column = column
        self.message = message
        self.fix = fix
        self.partition = partition
        self.columns = columns
        self.violations = violations
    }
}

/// A stored column computed from a valid row (never from the raw text).
public struct DerivedColumn: Sendable {
    public let stored: String
    public let value: @Sendable (RowView) -> FieldValue

    public init(_ stored: String, value: @escaping @Sendable (RowView) -> FieldValue) {
        self.stored = stored
        self.value = value
    }
}
