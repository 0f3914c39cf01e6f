import ArgumentParser
import Foundation
import GRDB
import LLNCCatalogue
import LLNCNode

/// Exports the tables the catalogue reads to CSV (with their column types), the compiled
/// queries to JSON, and runs them in DuckDB through a small Python script.
struct DuckDBExport {
    let store: NodeStore
    let catalogue: Catalogue
    let directory: URL

    struct Result {
        let version: String
        let load: Double
        let queries: Double
        let checksums: [String]
    }

    /// Row count and the sum of every aggregate, as text: enough to tell the engines agree.
    static func checksum(_ rows: [QueryRow]) -> String {
        let total = rows.reduce(0.0) { $0 + $1.values.reduce(0.0) { $0 + ($1 ?? 0) } }
        return "\(rows.count):\(String(format: "%.2f", total))"
    }

    func write(queries: [CompiledIndicator.Query]) throws {
        var tables: [String: [[String]]] = [:]
        var views: [String] = []
        try store.read { db in
            let names = Set(catalogue.sources.flatMap { [$0.table] + ($0.attributes.map { [$0.table] } ?? []) })
            for name in names.sorted() {
                if let view = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?", arguments: [name]) {
                    views.append(view)
                    continue
                }
                tables[name] = try exportTable(name, db)
            }
            // Base tables the views read.
            for table in ["survey_response"] where tables[table] == nil { tables[table] = try exportTable(table, db) }
        }
        let arguments = queries.map { q in
            q.arguments.map { a -> Any in
                switch a {
                case .text(let s): s
                case .integer(let i): i
                case .real(let d): d
                }
            }
        }
        let plan: [String: Any] = [
            "tables": tables, "views": views,
            "queries": zip(queries, arguments).map { ["sql": $0.sql, "arguments": $1, "dimensions": $0.dimensionCount] },
        ]
        try JSONSerialization.data(withJSONObject: plan).write(to: directory.appendingPathComponent("plan.json"))
        try Self.script.write(to: directory.appendingPathComponent("duck.py"), atomically: true, encoding: .utf8)
    }

    /// Writes `table` as CSV (NULL as an empty field, text always quoted) and returns its columns and their types, in order.
    private func exportTable(_ table: String, _ db: Database) throws -> [[String]] {
        var types: [[String]] = []
        var columns: [String] = []
        for row in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))") {
            let name: String = row["name"]
            let declared = (row["type"] as String).uppercased()
            columns.append(name)
            types.append([name, declared.hasPrefix("INT") ? "BIGINT" : declared.hasPrefix("REAL") ? "DOUBLE" : "VARCHAR"])
        }
        var out = columns.joined(separator: ",") + "\n"
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table)")
        while let row = try cursor.next() {
            out +=
                row.databaseValues.map { value -> String in
                    switch value.storage {
                    case .null: ""
                    case .int64(let i): String(i)
                    case .double(let d): String(d)
                    case .string(let s): "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    case .blob: ""
                    }
                }.joined(separator: ",") + "\n"
        }
        try out.write(to: directory.appendingPathComponent("\(table).csv"), atomically: false, encoding: .utf8)
        return types
    }

    func runDuckDB(python: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, directory.appendingPathComponent("duck.py").path, directory.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let version = json["version"] as? String, let load = json["load"] as? Double,
            let queries = json["queries"] as? Double, let checksums = json["checksums"] as? [String]
        else { throw ValidationError("the DuckDB run failed; is duckdb installed (python3 -m pip install duckdb)?") }
        return Result(version: version, load: load, queries: queries, checksums: checksums)
    }

    static let script = #"""
        import json, sys, time, duckdb
        folder = sys.argv[1]
        plan = json.load(open(folder + "/plan.json"))
        con = duckdb.connect()
        start = time.perf_counter()
        for table, types in plan["tables"].items():
            columns = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types) + "}"
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{folder}/{table}.csv', header = true, columns = {columns}, allow_quoted_nulls = false)")
        for view in plan["views"]:
            con.execute(view)
        load = time.perf_counter() - start
        results = []
        start = time.perf_counter()
        for q in plan["queries"]:
            results.append(con.execute(q["sql"], q["arguments"]).fetchall())
        elapsed = time.perf_counter() - start
        def checksum(rows, dims):
            total = sum(float(v or 0) for row in rows for v in row[dims:])
            return f"{len(rows)}:{total:.2f}"
        print(json.dumps({"version": duckdb.__version__, "load": load, "queries": elapsed,
                          "checksums": [checksum(r, q["dimensions"]) for r, q in zip(results, plan["queries"])]}))
        """#
}
