import Foundation
import GRDB
import LLNCProtocol

/// A node's SQLite store of pseudonymised record-level data.
///
/// Owns one `DatabaseWriter`; migrates in `init`; every write is one transaction that leaves
/// the store consistent, so a failed ingest leaves it exactly as it was. Foreign keys are on
/// (GRDB's default) and a file-backed store runs in WAL mode.
public struct NodeStore: Sendable {
    let writer: any DatabaseWriter

    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Schema.migrator.migrate(writer)
    }

    /// The store in `path` (created if missing), in WAL mode.
    ///
    /// Each connection may cache 128 MB of pages: a year of a large authority's episodes
    /// inserts a million keys in random order into the child index, and with SQLite's
    /// default 2 MB cache most of those inserts would go to the file system.
    /// A new store's files are 0600 whatever the umask (`OwnerOnly`).
    public static func open(path: String) throws -> NodeStore {
        try OwnerOnly.createDatabaseFile(path)
        var configuration = Configuration()
        // An ingest holds the write lock while it streams a file; another command's short
        // write (the outbox settling an envelope) waits for it rather than failing at once.
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -131072")
        }
        return try NodeStore(DatabasePool(path: path, configuration: configuration))
    }

    /// A throwaway store for tests and dry runs.
    public static func inMemory() throws -> NodeStore { try NodeStore(DatabaseQueue()) }

    /// What a replace did: the batch id and how many rows the previous load of that dataset
    /// and year held (0 when there was none).
    public struct Replacement: Sendable, Equatable {
        public let batchID: Int64
        public let replacedRows: Int
    }

    /// Whether replacing `stored` rows with `new` ones needs the analyst's explicit word:
    /// a load with no rows at all, or under half of what the year holds.
    public static func replacementShrinks(stored: Int, new: Int) -> Bool {
        stored > 0 && (new == 0 || new * 2 < stored)
    }

    /// Replaces everything stored for a dataset's collection year, in one write transaction
    /// that `body` fills through a `YearLoad` as it reads the files: readers see the old year
    /// or the new one, never a mixture, and no load is stored without its audit entry. When
    /// `body` throws, nothing is kept and the year is as it was.
    ///
    /// The rows go to the database as they are read, so memory does not grow with the file:
    /// SQLite spills the transaction's pages to the WAL once its cache (`open`) is full.
    public func loadYear<T>(_ layout: DatasetLayout, year: Int, _ body: (inout YearLoad) throws -> T) throws -> T {
        try writer.write { db in
            var load = try YearLoad(db: db, layout: layout, year: year)
            return try body(&load)
        }
    }

    /// Rows stored for a dataset, in one collection year or all.
    public func rowCount(_ layout: DatasetLayout, year: Int? = nil) throws -> Int {
        try writer.read { db in
            if let year {
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(layout.table) WHERE collection_year = ?", arguments: [year]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(layout.table)") ?? 0
        }
    }

    /// Runs a read-only query: for tests and, later, the indicator engine.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }
}

/// How a layout's validated values become the INSERT's arguments: bookkeeping first
/// (batch, year, line), then stored columns in layout order, then derived ones.
struct StoragePlan {
    let layout: DatasetLayout
    /// The stored columns, bookkeeping first.
    let names: [String]
    let width: Int
    /// For each stored layout column: its index and whether it is a date of birth.
    private let stored: [(index: Int, isBirthDate: Bool)]

    init(layout: DatasetLayout) {
        self.layout = layout
        let names = ["batch_id", "collection_year", "source_line"] + layout.storedColumns
        self.names = names
        self.width = names.count
        self.stored = layout.columns.enumerated().compactMap { index, column in
            guard column.stored != nil else { return nil }
            if case .dateOfBirth = column.kind { return (index, true) }
            return (index, false)
        }
    }

    /// The INSERT of one row into `table`.
    func insertSQL(into table: String) -> String {
        "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
    }

    func fill(_ arguments: inout [(any DatabaseValueConvertible)?], from row: RowView) {
        var position = 3
        for (index, isBirthDate) in stored {
            arguments[position] = Self.databaseValue(row.values[index], birthMonthOnly: isBirthDate)
            position += 1
        }
        for derived in layout.derived {
            arguments[position] = Self.databaseValue(derived.value(row), birthMonthOnly: false)
            position += 1
        }
    }

    private static func databaseValue(_ value: FieldValue, birthMonthOnly: Bool) -> (any DatabaseValueConvertible)? {
        switch value {
        case .none: nil
        case .text(let text): text
        case .integer(let n): n
        case .real(let x): x
        case .day(let day): birthMonthOnly ? day.isoMonth : day.iso
        }
    }
}

/// One year of one dataset being replaced, inside `NodeStore.loadYear`'s transaction: the
/// year's earlier rows are already deleted, a new batch is open, and rows go in as the files
/// are read, into a staging table with the dataset table's columns and none of its
/// constraints (in SQLite's temporary store, so it spills to disk, not memory). The file
/// rules run there, so a duplicate the table's UNIQUE constraint would refuse is reported as
/// the rule's break, with its line, instead of failing the load; `finish` copies the rows
/// that remain into the dataset table, where every constraint checks them, and records the
/// batch's counts and the audit entry.
public struct YearLoad {
    let db: Database
    public let layout: DatasetLayout
    public let year: Int
    /// Rows the year held before this load.
    public let storedRows: Int
    let batchID: Int64
    private let plan: StoragePlan
    private let statement: Statement
    private var arguments: [(any DatabaseValueConvertible)?]
    /// The first row id of each file's rows, in file order, to name a broken row's file.
    private var firstRowOfFile: [(rowID: Int64, file: Int)] = []

    init(db: Database, layout: DatasetLayout, year: Int) throws {
        self.db = db
        self.layout = layout
        self.year = year
        storedRows =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(layout.table) WHERE collection_year = ?", arguments: [year]) ?? 0
        try db.execute(sql: "DELETE FROM \(layout.table) WHERE collection_year = ?", arguments: [year])
        try db.execute(sql: "DELETE FROM ingest_batch WHERE dataset = ? AND collection_year = ?", arguments: [layout.name, year])
        try db.execute(
            sql: """
                INSERT INTO ingest_batch (dataset, collection_year, files, rows_read, rows_accepted, rows_rejected, ingested_at)
                VALUES (?, ?, '', 0, 0, 0, ?)
                """,
            arguments: [layout.name, year, ISO8601DateFormatter().string(from: Date())])
        batchID = db.lastInsertedRowID
        plan = StoragePlan(layout: layout)
        try db.execute(sql: "DROP TABLE IF EXISTS temp.\(Self.stage)")
        try db.execute(sql: "CREATE TEMP TABLE \(Self.stage) AS SELECT \(plan.names.joined(separator: ", ")) FROM \(layout.table) WHERE 0")
        statement = try db.makeStatement(sql: plan.insertSQL(into: "temp.\(Self.stage)"))
        arguments = [(any DatabaseValueConvertible)?](repeating: nil, count: plan.width)
        arguments[0] = batchID
        arguments[1] = year
    }

    /// The staging table's name, in the connection's temporary schema.
    static let stage = "llnc_load_stage"

    /// Stores one valid row read from line `line` of file number `file`.
    public mutating func insert(_ row: RowView, line: Int, file: Int) throws {
        arguments[2] = line
        plan.fill(&arguments, from: row)
        // Existentials, not DatabaseValues: GRDB converts them without a key path per value,
        // which is most of the insert cost on a million rows.
        statement.setUncheckedArguments(StatementArguments(arguments))
        try statement.execute()
        if firstRowOfFile.last?.file != file { firstRowOfFile.append((db.lastInsertedRowID, file)) }
    }

    /// A stored row that breaks one of the layout's file rules.
    public struct FileRuleBreak: Sendable, Equatable {
        public let rule: Int
        public let rowID: Int64
        public let line: Int
        public let file: Int
    }

    /// Every row of this load that breaks a file rule, by rule then file then line. Each rule
    /// sees one partition (a child's rows) at a time, read back in file order, so memory is
    /// bounded by the largest child, not the file.
    public func fileRuleBreaks() throws -> [FileRuleBreak] {
        var breaks: [FileRuleBreak] = []
        for (ruleIndex, rule) in layout.fileRules.enumerated() {
            let needed = rule.columns.map { name in (index: layout.index(of: name)!, column: layout.columns[layout.index(of: name)!]) }
            let partition = rule.partition.map { layout.columns[layout.index(of: $0)!].stored! }
            let selected = needed.map { $0.column.stored! }.joined(separator: ", ")
            // A row with a blank partition column belongs to no child the rule judges.
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT rowid, source_line, \(selected) FROM temp.\(Self.stage)
                    WHERE \(partition.map { "\($0) IS NOT NULL" }.joined(separator: " AND "))
                    ORDER BY \(partition.joined(separator: ", ")), rowid
                    """)
            var group: [RowView] = []
            var groupRows: [(rowID: Int64, line: Int)] = []
            var groupKey: [DatabaseValue]?
            func judge() {
                for index in rule.violations(group) {
                    let (rowID, line) = groupRows[index]
                    breaks.append(FileRuleBreak(rule: ruleIndex, rowID: rowID, line: line, file: file(of: rowID)))
                }
                group.removeAll(keepingCapacity: true)
                groupRows.removeAll(keepingCapacity: true)
            }
            while let row = try cursor.next() {
                let key = partition.map { row[$0] as DatabaseValue }
                if key != groupKey {
                    judge()
                    groupKey = key
                }
                var values = [FieldValue](repeating: .none, count: layout.columns.count)
                for (position, column) in needed.enumerated() {
                    values[column.index] = FieldValue(stored: row[position + 2], kind: column.column.kind)
                }
                group.append(RowView(layout: layout, values: values, year: year))
                groupRows.append((row[0], row[1]))
            }
            judge()
        }
        return breaks.sorted { ($0.rule, $0.file, $0.line, $0.rowID) < ($1.rule, $1.file, $1.line, $1.rowID) }
    }

    private func file(of rowID: Int64) -> Int {
        firstRowOfFile.last { $0.rowID <= rowID }?.file ?? 0
    }

    /// Removes rows (those that broke a file rule) from this load.
    public func delete(_ rowIDs: [Int64]) throws {
        let statement = try db.makeStatement(sql: "DELETE FROM temp.\(Self.stage) WHERE rowid = ?")
        for rowID in rowIDs { try statement.execute(arguments: [rowID]) }
    }

    /// Records the batch's files and counts, the problems by reason, and the audit entry
    /// (dataset, year, counts and file names; never a value).
    public func finish(files: [String], rowsRead: Int, rowsAccepted: Int, rowsRejected: Int, summary: [String: Int]) throws {
        let columns = plan.names.joined(separator: ", ")
        try db.execute(sql: "INSERT INTO \(layout.table) (\(columns)) SELECT \(columns) FROM temp.\(Self.stage) ORDER BY rowid")
        try db.execute(sql: "DROP TABLE temp.\(Self.stage)")
        try db.execute(
            sql: "UPDATE ingest_batch SET files = ?, rows_read = ?, rows_accepted = ?, rows_rejected = ? WHERE id = ?",
            arguments: [files.joined(separator: ", "), rowsRead, rowsAccepted, rowsRejected, batchID])
        for (reason, count) in summary.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO ingest_rejection (batch_id, reason, issues) VALUES (?, ?, ?)", arguments: [batchID, reason, count])
        }
        _ = try AuditLog.append(
            db, .ingest, subject: "\(layout.name) \(year)",
            details: "\(rowsRead) rows read, \(rowsAccepted) accepted, \(rowsRejected) rejected; files \(files.joined(separator: ", "))")
    }
}

extension FieldValue {
    /// The value a file rule sees, read back from the column the store keeps it in: the
    /// same value the validator made (ids are already pseudonyms, dates ISO text).
    init(stored value: DatabaseValue, kind: Column.Kind) {
        switch value.storage {
        case .null: self = .none
        case .int64(let n): self = .integer(Int(n))
        case .double(let x): self = .real(x)
        case .blob: self = .none
        case .string(let text):
            if case .date = kind, let day = CalendarDay(iso: text) {
                self = .day(day)
            } else {
                self = .text(text)
            }
        }
    }
}
