import LLNCCatalogue

/// Compiles a catalogue definition into grouped SQL over the node store. Pure: takes the
/// catalogue and a period, returns text and bound arguments.
///
/// Guarantees, whatever the catalogue says (it was validated at load, and these hold by
/// construction here too): every query has GROUP BY; the outer SELECT lists only category
/// expressions and aggregates; identifiers (the child key) appear only inside COUNT,
/// PARTITION BY and correlated conditions, never as an output column; every value from the
/// catalogue or the period is a bound argument. The SQL sticks to what SQLite and DuckDB
/// both run (CTEs, window functions, CASE, substr, CAST), so the benchmark runs the same text.
public struct IndicatorCompiler: Sendable {
    public let catalogue: Catalogue

    public init(catalogue: Catalogue) { self.catalogue = catalogue }

    public func compile(_ indicator: Indicator, period label: String) throws(IndicatorError) -> CompiledIndicator {
        guard let period = ReportingPeriod(label, type: indicator.period) else { throw .badPeriod(label) }
        let definition = indicator.definition
        guard let source = catalogue.source(definition.source) else { throw .notInCatalogue(indicator.id) }
        let scope = Scope(catalogue: catalogue, source: source, period: period, definition: definition)
        let breakdowns = indicator.breakdowns.compactMap { catalogue.breakdown($0) }
        let plans = catalogue.dimensions(of: indicator).map {
            CompiledIndicator.DimensionPlan(name: $0.name, hierarchy: $0.hierarchy, otherwise: $0.otherwise)
        }
        if case .transition(let states, let otherwise) = definition.population {
            let query = TransitionSQL(scope: scope, states: states, otherwise: otherwise, breakdowns: breakdowns).query()
            return CompiledIndicator(
                indicator: indicator, period: period, dimensions: plans, counts: query,
                cube: [], medians: [], population: nil)
        }
        var population: CompiledIndicator.Query?
        if let denominator = definition.denominator, let pop = catalogue.source(denominator.source) {
            population = CompiledIndicator.Query(
                sql:
                    "SELECT SUM(p.population) AS population FROM \(pop.table) p WHERE p.collection_year = ? AND p.age BETWEEN ? AND ? GROUP BY p.collection_year",
                arguments: [.integer(period.collectionYear), .integer(denominator.fromAge), .integer(denominator.toAge)],
                dimensionCount: 0)
        }
        if definition.measure.isMagnitude {
            let combos = Self.levelCombinations(breakdowns)
            let magnitude = MagnitudeSQL(scope: scope, breakdowns: breakdowns)
            return CompiledIndicator(
                indicator: indicator, period: period, dimensions: plans, counts: nil,
                cube: combos.map { magnitude.sums(levels: $0) },
                medians: definition.measure == .median ? combos.map { magnitude.medians(levels: $0) } : [],
                population: nil)
        }
        return CompiledIndicator(
            indicator: indicator, period: period, dimensions: plans,
            counts: CountSQL(scope: scope, breakdowns: breakdowns).query(), cube: [], medians: [],
            population: population)
    }

    /// Every combination of one level per breakdown (Total, group when there are groups, leaf).
    static func levelCombinations(_ breakdowns: [Breakdown]) -> [[BreakdownLevel]] {
        var combos: [[BreakdownLevel]] = [[]]
        for b in breakdowns {
            let levels: [BreakdownLevel] = b.groups.isEmpty ? [.total, .leaf] : [.total, .group, .leaf]
            combos = combos.flatMap { combo in levels.map { combo + [$0] } }
        }
        return combos
    }
}

/// Which level of a breakdown's hierarchy a query groups by.
enum BreakdownLevel: Sendable, Hashable {
    case total, group, leaf
}
