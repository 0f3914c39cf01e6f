import GRDB
import LLNCCatalogue

extension NodeStore {
    /// Batches, approvals and the audit log, in this store's database.
    public func indicators() -> IndicatorStore { IndicatorStore(writer) }

    /// Computes the catalogue for `period` through this store's read-only access, protecting
    /// linked indicators against what this site's approved batches already published.
    public func computeIndicators(_ engine: IndicatorEngine, period: String, only: Set<String>? = nil) throws -> [IndicatorResult] {
        try engine.compute(period: period, reader: writer, only: only, published: try indicators().publishedLedger())
    }

    /// The linked groups `computeIndicators` would protect jointly, unprotected (benchmarks).
    public func linkedGroups(_ engine: IndicatorEngine, period: String) throws -> [IndicatorEngine.LinkedGroup] {
        try engine.linkedGroups(period: period, reader: writer, published: try indicators().publishedLedger())
    }

}

extension NodeStore {
    /// Runs one compiled query on the read-only connection (for benchmarks and checks).
    public func runIndicatorQuery(_ query: CompiledIndicator.Query, indicator: String) throws -> [QueryRow] {
        try IndicatorEngine.run(query, indicator: indicator, reader: writer)
    }
}
