import ArgumentParser
import Foundation
import GRDB
import LLNCCatalogue
import LLNCNode

/// `llnc-bench compute`: the full catalogue over a synthetic site (100,000 children, 5 years
/// by default), timed in the node's engine (SQLite queries plus disclosure control) and, in
/// the same run, the same generated SQL run by DuckDB over the same tables exported to CSV.
struct ComputeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute the whole catalogue over a synthetic site; run the same SQL in DuckDB (python3 -m pip install duckdb).")

    @Option(help: "Children aged 0-17 at the synthetic site.") var children = 100_000
    @Option(help: "Collection years of data.") var years = 5
    @Option(help: "The period to compute.") var period = "2024-25"
    @Option(help: "The catalogue folder.") var catalogue = "protocol/catalogue"
    @Option(help: "The Python with duckdb installed.") var python = "python3"

    func run() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-bench-compute-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let catalogue = try CatalogueLoader.load(directory: URL(fileURLWithPath: catalogue, isDirectory: true))

        let spec = SyntheticSiteSpec(site: 850, children: children, years: years, lastYear: 2025, seed: 1)
        var files: [SyntheticFile] = []
        let synth = try Stopwatch.seconds { files = try SyntheticSite(spec: spec).write(to: dir.appendingPathComponent("files")) }
        let store = try NodeStore.open(path: dir.appendingPathComponent("node.sqlite").path)
        let pseudonymiser = try Pseudonymiser(siteSecret: [UInt8](repeating: 1, count: 32))
        let ingest = try Stopwatch.seconds {
            for file in files {
                _ = try DatasetIngester(
                    layout: DatasetLayout.named(file.dataset)!, year: file.year, pseudonymiser: pseudonymiser,
                    acceptValid: true
                ).ingest(files: [file.url], into: store)
            }
        }
        print(
            "site: \(children) children, \(years) years, \(files.reduce(0) { $0 + $1.rows }) rows (synthesised in \(Stopwatch.format(synth)) s, ingested in \(Stopwatch.format(ingest)) s)"
        )

        let compiler = IndicatorCompiler(catalogue: catalogue)
        let compiled = try catalogue.indicators.map { try compiler.compile($0, period: period) }
        let queries = compiled.flatMap { c in c.queries.map { (c.indicator.id, $0) } }
        var cells = 0
        let engine = IndicatorEngine(catalogue: catalogue)
        let full = try Stopwatch.seconds { cells = try store.computeIndicators(engine, period: period).reduce(0) { $0 + $1.cells.count } }
        var sqliteResults: [[QueryRow]] = []
        var perQuery: [(String, Double)] = []
        for (id, query) in queries {
            var rows: [QueryRow] = []
            perQuery.append((id, try Stopwatch.seconds { rows = try store.runIndicatorQuery(query, indicator: id) }))
            sqliteResults.append(rows)
        }
        let sqlOnly = perQuery.reduce(0) { $0 + $1.1 }

        let export = DuckDBExport(store: store, catalogue: catalogue, directory: dir)
        let exported = try Stopwatch.seconds { try export.write(queries: queries.map(\.1)) }
        let duck = try export.runDuckDB(python: python)
        let agree = zip(sqliteResults, duck.checksums).filter { DuckDBExport.checksum($0) == $1 }.count

        print("catalogue: \(catalogue.indicators.count) indicators, \(queries.count) grouped queries, \(cells) cells")
        print("llnc-node compute (SQLite queries + tables + disclosure control): \(Stopwatch.format(full, decimals: 2)) s")
        print("  of which the generated SQL alone, in SQLite:                    \(Stopwatch.format(sqlOnly, decimals: 2)) s")
        print(
            "DuckDB \(duck.version), same SQL over the same data:             \(Stopwatch.format(duck.queries, decimals: 2)) s (loading the CSV export: \(Stopwatch.format(duck.load, decimals: 2)) s; export \(Stopwatch.format(exported, decimals: 2)) s)"
        )
        let slowest = perQuery.sorted { $0.1 > $1.1 }.prefix(3).map { "\($0.0) \(Stopwatch.format($0.1, decimals: 2)) s" }
        print("slowest in SQLite: " + slowest.joined(separator: ", "))
        print("results: DuckDB and SQLite agree on \(agree) of \(queries.count) queries")
    }
}
