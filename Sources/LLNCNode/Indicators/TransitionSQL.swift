import LLNCCatalogue

/// The flow matrix: each child's state at the end of the previous period and of this one,
/// found in each year's own return and linked by the pseudonymised child key. A child in
/// several states at a date is in the first listed (looked after before on a plan before in
/// need); the latest open row of that state decides its category.
struct TransitionSQL {
    let scope: Scope
    let states: [Definition.StateRule]
    let otherwise: String
    let breakdowns: [Breakdown]

    private func statesAt(_ period: ReportingPeriod) -> SQLFragment {
        let arms = states.enumerated().compactMap { priority, state -> SQLFragment? in
            guard let source = scope.catalogue.source(state.source), let child = source.child else { return nil }
            let stateScope = Scope(catalogue: scope.catalogue, source: source, period: period, definition: scope.definition)
            var name: SQLFragment = .text(state.name)
            if let b = state.breakdown, let breakdown = scope.catalogue.breakdown(b) {
                name = .text(state.name ++ ":") ++ " || " ++ stateScope.category(breakdown, level: .leaf)
            }
            return "SELECT t.\(child) AS child, \(priority) AS priority, " ++ name
                ++ " AS state, t.\(state.start) AS since FROM \(source.table) t WHERE t.collection_year = "
                ++ .integer(period.collectionYear) ++ " AND t.\(state.start) <= " ++ .text(period.end)
                ++ " AND (t.\(state.end) IS NULL OR t.\(state.end) > " ++ .text(period.end) ++ ")"
        }
        return "SELECT child, state, ROW_NUMBER() OVER (PARTITION BY child ORDER BY priority, since DESC) AS state_rank FROM ("
            ++ arms.sqlJoined(separator: " UNION ALL ") ++ ") s"
    }

    func query() -> CompiledIndicator.Query {
        let child = scope.source.child ?? "child"
        var select: [SQLFragment] = [
            "COALESCE(f.from_state, " ++ .text(otherwise) ++ ") AS d0",
            "COALESCE(f.to_state, " ++ .text(otherwise) ++ ") AS d1",
        ]
        let attributes = Scope(catalogue: scope.catalogue, source: scope.source, period: scope.period, definition: scope.definition)
        for (i, b) in breakdowns.enumerated() {
            select.append(attributes.category(b, level: .leaf, alias: "b") ++ " AS d\(i + 2)")
        }
        let names = (0..<(2 + breakdowns.count)).map { "d\($0)" }.joined(separator: ", ")
        let fields = Set(breakdowns.map(\.field)).sorted()
        let attributeColumns = fields.map { "MAX(\($0)) AS \($0)" }.joined(separator: ", ")
        let birth = fields.isEmpty ? "" : ", b AS (SELECT \(child), \(attributeColumns) FROM \(scope.source.table) GROUP BY \(child))"
        let sql =
            "WITH prior_state AS (" ++ statesAt(scope.period.previous) ++ "), current_state AS (" ++ statesAt(scope.period) ++ ")"
            // One row per child with both states, by grouping rather than joining the two
            // state lists (SQLite would scan one of them for every child).
            ++ ", flows AS (SELECT child, MAX(CASE WHEN moment = 0 THEN state END) AS from_state,"
            ++ " MAX(CASE WHEN moment = 1 THEN state END) AS to_state FROM (SELECT child, 0 AS moment, state FROM prior_state"
            ++ " WHERE state_rank = 1 UNION ALL SELECT child, 1 AS moment, state FROM current_state WHERE state_rank = 1) s GROUP BY child)"
            ++ birth ++ " SELECT " ++ select.sqlJoined(separator: ", ") ++ ", COUNT(*) AS n, 0 AS met FROM flows f"
            ++ (fields.isEmpty ? "" : " LEFT JOIN b ON b.\(child) = f.child") ++ " GROUP BY \(names)"
        return CompiledIndicator.Query(sql: sql.sql, arguments: sql.arguments, dimensionCount: 2 + breakdowns.count)
    }
}
