import Foundation
import GRDB
import LLNCCatalogue
import LLNCDisclosure
import LLNCProtocol

/// The cells of one indicator for one period, or why it has none.
public struct IndicatorResult: Sendable {
    public let indicator: String
    public let cells: [BatchCell]
    /// For an indicator protected with linked ones: what was protected together, what earlier
    /// publication was held fixed, which identities were used, and the joint attack's result.
    public let protection: String?

    public init(indicator: String, cells: [BatchCell], protection: String? = nil) {
        self.indicator = indicator
        self.cells = cells
        self.protection = protection
    }
}

/// Computes the catalogue for a period: compiles each definition, runs its grouped queries
/// through a read-only connection, builds and protects each table. Nothing is stored here;
/// `BatchStore` keeps the result as a draft batch.
public struct IndicatorEngine: Sendable {
    public let catalogue: Catalogue
    public let policy: Policy

    public init(catalogue: Catalogue, policy: Policy = .default) {
        self.catalogue = catalogue
        self.policy = policy
    }

    /// Every indicator of the catalogue (or those in `only`), in catalogue order.
    /// `reader.read` gives a read-only connection (GRDB sets `query_only` for reads), so a
    /// compiled query cannot write whatever its text.
    /// Linked indicators (same children under other breakdowns, or tied by a catalogue
    /// identity) are protected together, against `published` for the previous period.
    public func compute(
        period: String, reader: any DatabaseReader, only: Set<String>? = nil, published: PublishedLedger = .empty
    ) throws -> [IndicatorResult] {
        let compiler = IndicatorCompiler(catalogue: catalogue)
        let compiled = try catalogue.indicators.filter { only?.contains($0.id) ?? true }.map { try compiler.compile($0, period: period) }
        var results: [String: IndicatorResult] = [:]
        for group in linkedGroups(compiled) {
            for result in try computeLinked(group, reader: reader, published: published) { results[result.indicator] = result }
        }
        for c in compiled where results[c.indicator.id] == nil {
            results[c.indicator.id] = try compute(c, reader: reader)
        }
        return compiled.compactMap { results[$0.indicator.id] }
    }

    public func compute(_ compiled: CompiledIndicator, reader: any DatabaseReader) throws(IndicatorError) -> IndicatorResult {
        do {
            return try computeTable(compiled, reader: reader)
        } catch .disclosure(_, let reason) {
            return Self.unavailable(compiled, reason: reason)
        }
    }

    private func computeTable(_ compiled: CompiledIndicator, reader: any DatabaseReader) throws(IndicatorError) -> IndicatorResult {
        let table = IndicatorTable(compiled: compiled, policy: policy)
        let id = compiled.indicator.id
        let cells: [BatchCell]
        if compiled.indicator.definition.measure.isMagnitude {
            var cube: [QueryRow] = []
            var medians: [QueryRow] = []
            for query in compiled.cube { cube += try Self.run(query, indicator: id, reader: reader) }
            for query in compiled.medians { medians += try Self.run(query, indicator: id, reader: reader) }
            cells = try table.magnitudeCells(cube: cube, medians: medians)
        } else {
            var rows: [QueryRow] = []
            var population: Double?
            if let counts = compiled.counts { rows = try Self.run(counts, indicator: id, reader: reader) }
            if let query = compiled.population { population = try Self.run(query, indicator: id, reader: reader).first?.values.first ?? nil }
            cells = try table.countCells(rows: rows, population: population)
        }
        return IndicatorResult(indicator: id, cells: cells)
    }

    /// Runs one grouped query. Errors are reported without the statement's arguments.
    static func run(_ query: CompiledIndicator.Query, indicator: String, reader: any DatabaseReader) throws(IndicatorError) -> [QueryRow] {
        do {
            return try reader.read { db in
                let values: [(any DatabaseValueConvertible)?] = query.arguments.map { argument in
                    switch argument {
                    case .text(let s): s
                    case .integer(let i): i
                    case .real(let d): d
                    }
                }
                let arguments = StatementArguments(values)
                return try Row.fetchAll(db, sql: query.sql, arguments: arguments).map { row in
                    let columns = row.databaseValues
                    return QueryRow(
                        categories: columns.prefix(query.dimensionCount).map { String.fromDatabaseValue($0) },
                        values: columns.dropFirst(query.dimensionCount).map { Double.fromDatabaseValue($0) })
                }
            }
        } catch let error as DatabaseError {
            throw .query(indicator: indicator, reason: "\(error.resultCode): \(error.message ?? "")")
        } catch {
            throw .query(indicator: indicator, reason: String(describing: type(of: error)))
        }
    }
}
