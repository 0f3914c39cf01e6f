import GRDB
import LLNCCatalogue

extension NodeStore {
    /// Batches, approvals and the audit log, in this store's database (migrated on first use).
    public func indicators() throws -> IndicatorStore { try IndicatorStore(writer) }

    /// Computes the catalogue for `period` through this store's read-only access, protecting
    /// linked indicators against what this site's approved batches already published.
    public func computeIndicators(_ engine: IndicatorEngine, period: String, only: Set<String>? = nil) throws -> [IndicatorResult] {
        try engine.compute(period: period, reader: writer, only: only, published: try indicators().publishedLedger())
    }

    /// The linked groups `computeIndicators` would protect jointly, unprotected (benchmarks).
    public func linkedGroups(_ engine: IndicatorEngine, period: String) throws -> [IndicatorEngine.LinkedGroup] {
        try engine.linkedGroups(period: period, reader: writer, published: try indicators().publishedLedger())
    }

    /// Records an ingest in the audit log: dataset, year and row counts (never a value).
    public func recordIngest(_ report: IngestReport) throws {
        let indicators = try indicators()
        try indicators.writer.write { db in
            _ = try AuditLog.append(db, .ingest, subject: "\(report.dataset) \(report.year)",
                                details: "\(report.rowsRead) rows read, \(report.rowsAccepted) accepted, \(report.rowsRejected) rejected; files \(report.files.joined(separator: ", "))")
        }
    }
}

extension NodeStore {
    /// Runs one compiled query on the read-only connection (for benchmarks and checks).
    public func runIndicatorQuery(_ query: CompiledIndicator.Query, indicator: String) throws -> [QueryRow] {
        try IndicatorEngine.run(query, indicator: indicator, reader: writer)
    }
}
