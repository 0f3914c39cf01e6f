import Foundation
import GRDB
import LLNCCatalogue
import LLNCProtocol
import Testing

@testable import LLNCNode

/// Every catalogue indicator, computed from a synthetic site through the compiled SQL, equals
/// the reference computation (plain Swift over the same rows), query by query.
@Suite(.timeLimit(.minutes(10)), .serialized) struct SyntheticSiteIndicatorTests {
    /// One small synthetic site (3 years, so longitudinal indicators have history), ingested
    /// through the real ingest path into an in-memory store.
    static let store: NodeStore = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-indicators-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = SyntheticSiteSpec(site: 850, children: 4000, years: 3, lastYear: 2025, seed: 7)
        let files = try! SyntheticSite(spec: spec).write(to: directory)
        let store = try! NodeStore.inMemory()
        let pseudonymiser = try! Pseudonymiser(siteSecret: [UInt8](repeating: 7, count: 32))
        for file in files {
            let layout = DatasetLayout.named(file.dataset)!
            _ = try! DatasetIngester(layout: layout, year: file.year, pseudonymiser: pseudonymiser, acceptValid: true)
                .ingest(files: [file.url], into: store)
        }
        return store
    }()

    static let catalogue = IndicatorFixture.catalogue

    @Test(arguments: IndicatorFixture.catalogue.indicators.map(\.id))
    func theCompiledQueryAgreesWithTheReferenceComputation(_ id: String) throws {
        let indicator = try #require(Self.catalogue.indicator(id))
        let compiled = try IndicatorCompiler(catalogue: Self.catalogue).compile(indicator, period: "2024-25")
        do {
            let reference = ReferenceComputation(catalogue: Self.catalogue, indicator: indicator, period: compiled.period, reader: Self.store.writer)
            func engine(_ q: CompiledIndicator.Query) throws -> [[String?]: [Double?]] {
                let rows = try IndicatorEngine.run(q, indicator: id, reader: Self.store.writer)
                return Dictionary(uniqueKeysWithValues: rows.map { ($0.categories, $0.values) })
            }
            if case .transition = indicator.definition.population {
                let expected = try reference.transitions().mapValues { $0.map(Optional.some) }
                #expect(try engine(compiled.counts!) == expected)
                #expect(expected.values.contains { ($0[0] ?? 0) > 0 }, "the synthetic site has flows to compare")
                return
            }
            if let counts = compiled.counts {
                let expected = try reference.counts().mapValues { $0.map(Optional.some) }
                #expect(try engine(counts) == expected)
                #expect(!expected.isEmpty, "the synthetic site has rows for \(id)")
            }
            if let population = compiled.population {
                #expect(try engine(population).values.first?.first ?? nil == reference.population())
            }
            let combos = IndicatorCompiler.levelCombinations(indicator.breakdowns.map { Self.catalogue.breakdown($0)! })
            for (query, levels) in zip(compiled.cube, combos) {
                let got = try engine(query)
                let expected = try reference.sums(levels: levels)
                #expect(Set(got.keys) == Set(expected.keys))
                for (key, values) in expected {
                    let mine = got[key] ?? []
                    #expect(zip(mine, values).allSatisfy { a, b in a == b || abs((a ?? 0) - (b ?? 0)) < 1e-6 }, "\(key)")
                }
            }
            for (query, levels) in zip(compiled.medians, combos) {
                let got = try engine(query)
                let expected = try reference.medians(levels: levels)
                #expect(got.mapValues { $0.map { ($0 ?? 0).rounded() } } == expected.mapValues { $0.map { ($0 ?? 0).rounded() } })
            }
        }
    }

    /// The outer SELECT of every compiled query names only dimension categories and aggregates,
    /// and every category a query returns is one of its dimension's declared values.
    @Test func everyQueryReturnsOnlyCategoriesAndAggregates() throws {
        let allowed: Set<String> = ["n", "met", "population", "total", "row_count", "contributors", "largest", "second_largest", "median"]
        for indicator in Self.catalogue.indicators {
            let compiled = try IndicatorCompiler(catalogue: Self.catalogue).compile(indicator, period: "2024-25")
            let values = Set(compiled.dimensions.flatMap { plan in plan.hierarchy.flatMap { [$0.key] + $0.value } } + ["all"])
            for query in compiled.queries {
                #expect(query.sql.contains("GROUP BY"), "\(indicator.id) always groups")
                let rows = try Self.store.read { db in
                    try Row.fetchAll(
                        db, sql: query.sql,
                        arguments: StatementArguments(
                            query.arguments.map { a -> (any DatabaseValueConvertible)? in
                                switch a {
                                case .text(let t): t
                                case .integer(let i): i
                                case .real(let r): r
                                }
                            }))
                }
                for row in rows {
                    let names = Array(row.columnNames)
                    #expect(names.prefix(query.dimensionCount) == ArraySlice((0..<query.dimensionCount).map { "d\($0)" }))
                    #expect(Set(names.dropFirst(query.dimensionCount)).isSubset(of: allowed), "\(indicator.id): \(names)")
                    for d in 0..<query.dimensionCount {
                        let category: String? = row[d]
                        #expect(category.map(values.contains) ?? false, "\(indicator.id) returned a category outside its dimensions")
                    }
                }
            }
        }
    }

    @Test func theWholeCatalogueComputesAndEveryCellIsValidOnTheWire() throws {
        let results = try Self.store.computeIndicators(IndicatorEngine(catalogue: Self.catalogue), period: "2024-25")
        #expect(results.count == Self.catalogue.indicators.count)
        let cells = results.flatMap { $0.cells.map(\.cell) }
        for (i, cell) in cells.enumerated() { try cell.validate(index: i) }
        // Every cell is one the catalogue defines, as the hub checks it on arrival.
        let terms = CatalogueTerms(Self.catalogue)
        for (i, cell) in cells.enumerated() { try terms.check(cell, index: i) }
        // One payload holds the whole batch: no two cells share indicator, period and breakdown.
        let payload = Payload(
            site: try SiteID(laNumber: "850", onsCode: "E10000014"), submissionID: UUID().uuidString.lowercased(),
            sequence: 1, catalogueVersion: Self.catalogue.version, cells: cells)
        try payload.validate()
        #expect(cells.contains { $0.status == .rounded } && cells.contains { $0.status == .suppressed })
    }
}
