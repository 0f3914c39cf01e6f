import GRDB
import LLNCCatalogue

@testable import LLNCNode

/// The rows of one source, read whole into memory for the reference computation: each row a
/// dictionary of its fields (attributes joined from the per-child table in plain Swift).
struct ReferenceRow {
    let id: Int64
    let year: Int
    let fields: [String: DatabaseValue]

    func text(_ f: String) -> String? { String.fromDatabaseValue(fields[f] ?? .null) }
    func number(_ f: String) -> Double? { Double.fromDatabaseValue(fields[f] ?? .null) }
    var child: String? { text("child") }
}

enum ReferenceData {
    static func rows(_ source: Source, _ catalogue: Catalogue, _ db: Database) throws -> [ReferenceRow] {
        var attributes: [String: [String: DatabaseValue]] = [:]
        if let join = source.attributes {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(join.table)") {
                let key = "\(row["child"] as String? ?? "")|\(row["collection_year"] as Int)"
                attributes[key] = Dictionary(uniqueKeysWithValues: join.fields.map { ($0, row[$0] as DatabaseValue) })
            }
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM \(source.table)").map { row in
            var fields: [String: DatabaseValue] = [:]
            for column in row.columnNames { fields[column] = row[column] }
            let year: Int = row["collection_year"]
            if let join = source.attributes {
                let extra = attributes["\(row["child"] as String? ?? "")|\(year)"] ?? [:]
                for f in join.fields { fields[f] = extra[f] ?? .null }
            }
            return ReferenceRow(id: row["id"] ?? 0, year: year, fields: fields)
        }
    }

    /// Whole years of age at `end` (yyyy-mm-dd) from a yyyy-mm or yyyy-mm-dd text.
    static func age(_ born: String?, at end: String) -> Int? {
        guard let born, born.count >= 7, let y = Int(born.prefix(4)), let endYear = Int(end.prefix(4)) else { return nil }
        let birthday = String(born.dropFirst(5)) // "mm" or "mm-dd"
        return endYear - y - (birthday > String(end.dropFirst(5)) ? 1 : 0)
    }

    /// Months and days as one comparable number: (year × 12 + month) × 100 + day.
    static func dayIndex(_ d: String) -> Int {
        let p = d.split(separator: "-").map { Int($0)! }
        return (p[0] * 12 + p[1]) * 100 + p[2]
    }

    /// A row's category in a breakdown at a level, or nil when it falls in none.
    static func category(_ b: Breakdown, _ level: BreakdownLevel, _ row: ReferenceRow, source: Source, end: String) -> String? {
        if level == .total { return "Total" }
        switch b.rule {
        case .ageBands(let f, let bands):
            let age = source.field(f)?.kind == .number ? row.number(f).map { Int($0) } : Self.age(row.text(f), at: end)
            return age.flatMap { a in bands.first { (a >= $0.from) && (a <= $0.to) }?.name } ?? b.otherwise
        case .codes(let f, let categories):
            guard let code = row.text(f), let leaf = categories.first(where: { $0.codes.contains(code) }) else { return b.otherwise }
            return level == .group ? (b.groupOf[leaf.name] ?? leaf.name) : leaf.name
        }
    }
}
