import Foundation
import GRDB
import LLNCCatalogue
import LLNCDisclosure

@testable import LLNCNode

/// Small hand-made stores: tables shaped from the catalogue's own source declarations (id,
/// collection_year, then every declared field), filled row by row so each test's expected
/// figures can be counted by hand.
struct IndicatorFixture {
    static let catalogueDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocol/catalogue")
    static let catalogue: Catalogue = try! CatalogueLoader.load(directory: catalogueDirectory)

    let db: DatabaseQueue

    init() throws {
        db = try DatabaseQueue()
        try db.write { db in
            var created = Set<String>()
            for source in Self.catalogue.sources where created.insert(source.table).inserted {
                let attributeOnly = Set(source.attributes?.fields ?? [])
                let columns = source.fields.filter { !attributeOnly.contains($0.name) }.map { field in
                    "\(field.name) \(field.kind == .number ? "REAL" : "TEXT")"
                }
                try db.execute(
                    sql: "CREATE TABLE \(source.table) (id INTEGER PRIMARY KEY, collection_year INTEGER NOT NULL, "
                        + columns.joined(separator: ", ") + ")")
            }
        }
    }

    /// Batches, approvals and the audit log on a test database with the fixture's own
    /// dataset tables: the node store's indicator migrations, run there alone.
    static func indicators(_ db: DatabaseQueue) throws -> IndicatorStore {
        var migrator = DatabaseMigrator()
        IndicatorSchema.register(in: &migrator)
        try migrator.migrate(db)
        return IndicatorStore(db)
    }

    func insert(_ table: String, year: Int, _ values: [String: (any DatabaseValueConvertible)?]) throws {
        let names = ["collection_year"] + values.keys.sorted()
        let arguments: [(any DatabaseValueConvertible)?] = [year] + values.keys.sorted().map { values[$0] ?? nil }
        try db.write { db in
            try db.execute(
                sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))",
                arguments: StatementArguments(arguments))
        }
    }

    /// Exact publication with a threshold of 1: the table's figures as computed, for checking
    /// the engine's arithmetic separately from disclosure control.
    static var exact: Policy {
        var policy = Policy()
        policy.threshold = 1
        policy.roundingBase = nil
        policy.aggregateRoundingBase = nil
        policy.percentageMinimumNumerator = 1
        policy.percentageMinimumRemainder = 0
        policy.percentageDecimalPlaces = 1
        policy.dominanceK = 100
        policy.pPercent = 0
        return policy
    }

    func compute(_ id: String, period: String = "2024-25", policy: Policy = Self.exact) throws -> [BatchCell] {
        try IndicatorEngine(catalogue: Self.catalogue, policy: policy).compute(period: period, reader: db, only: [id]).first!.cells
    }
}

extension Array where Element == BatchCell {
    /// The cell with exactly this breakdown (`[:]` for the overall figure).
    func cell(_ breakdown: [String: String] = [:]) -> BatchCell? { first { $0.cell.breakdown == breakdown } }
    func local(_ breakdown: [String: String] = [:]) -> String? { cell(breakdown)?.localValue }
}
