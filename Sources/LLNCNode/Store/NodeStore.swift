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

    /// A replace that would leave a year with far fewer rows than it holds: a header-only
    /// export, or the wrong file, must not silently wipe a year someone loaded before.
    public struct ShrinkRefused: Error, Sendable, Equatable {
        public let storedRows: Int
        public let newRows: Int
    }

    /// Whether replacing `stored` rows with `new` ones needs the analyst's explicit word:
    /// a load with no rows at all, or under half of what the year holds.
    public static func replacementShrinks(stored: Int, new: Int) -> Bool {
        stored > 0 && (new == 0 || new * 2 < stored)
    }

    /// Replaces everything stored for the dataset's collection year with `dataset`'s valid
    /// rows, and appends the ingest to the audit log (dataset, year, row counts, file names;
    /// never a value), in one transaction: readers see the old year or the new one, never a
    /// mixture, and no ingest is stored without its audit entry.
    ///
    /// Refuses (`ShrinkRefused`, nothing written) a replacement that `replacementShrinks`,
    /// unless `allowShrinking`; the count is taken inside the transaction that replaces.
    public func replace(with dataset: ValidatedDataset, summary: [String: Int], allowShrinking: Bool = false) throws -> Replacement {
        let layout = dataset.layout
        let plan = StoragePlan(layout: layout)
        return try writer.write { db in
            let replaced =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM \(layout.table) WHERE collection_year = ?",
                    arguments: [dataset.year]) ?? 0
            if !allowShrinking, Self.replacementShrinks(stored: replaced, new: dataset.rows.count) {
                throw ShrinkRefused(storedRows: replaced, newRows: dataset.rows.count)
            }
            try db.execute(sql: "DELETE FROM \(layout.table) WHERE collection_year = ?", arguments: [dataset.year])
            try db.execute(
                sql: "DELETE FROM ingest_batch WHERE dataset = ? AND collection_year = ?",
                arguments: [layout.name, dataset.year])
            try db.execute(
                sql: """
                    INSERT INTO ingest_batch (dataset, collection_year, files, rows_read, rows_accepted, rows_rejected, ingested_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    layout.name, dataset.year, dataset.files.joined(separator: ", "), dataset.rowsRead,
                    dataset.rows.count, dataset.rowsRejected, ISO8601DateFormatter().string(from: Date()),
                ])
            let batchID = db.lastInsertedRowID
            for (reason, count) in summary.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "INSERT INTO ingest_rejection (batch_id, reason, issues) VALUES (?, ?, ?)",
                    arguments: [batchID, reason, count])
            }
            let insert = try db.cachedStatement(sql: plan.insertSQL)
            // Existentials, not DatabaseValues: GRDB converts them without a key path per
            // value, which is most of the insert cost on a million rows.
            var arguments = [(any DatabaseValueConvertible)?](repeating: nil, count: plan.width)
            arguments[0] = batchID
            arguments[1] = dataset.year
            for (row, line) in zip(dataset.rows, dataset.lines) {
                arguments[2] = line
                plan.fill(&arguments, from: row)
                insert.setUncheckedArguments(StatementArguments(arguments))
                try insert.execute()
            }
            _ = try AuditLog.append(
                db, .ingest, subject: "\(layout.name) \(dataset.year)",
                details:
                    "\(dataset.rowsRead) rows read, \(dataset.rows.count) accepted, \(dataset.rowsRejected) rejected; files \(dataset.files.joined(separator: ", "))"
            )
            return Replacement(batchID: batchID, replacedRows: replaced)
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
    let insertSQL: String
    let width: Int
    /// For each stored layout column: its index and whether it is a date of birth.
    private let stored: [(index: Int, isBirthDate: Bool)]

    init(layout: DatasetLayout) {
        self.layout = layout
        let names = ["batch_id", "collection_year", "source_line"] + layout.storedColumns
        self.insertSQL =
            "INSERT INTO \(layout.table) (\(names.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        self.width = names.count
        self.stored = layout.columns.enumerated().compactMap { index, column in
            guard column.stored != nil else { return nil }
            if case .dateOfBirth = column.kind { return (index, true) }
            return (index, false)
        }
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
