import LLNCCatalogue

/// The grouped query of a count, percentage or rate: `n` counted and `met` in the numerator
/// per leaf category. Distinct children are first reduced to one row per child (their
/// latest in the period), so each child is in exactly one leaf and the leaves add up.
struct CountSQL {
    let scope: Scope
    let breakdowns: [Breakdown]

    func query() -> CompiledIndicator.Query {
        let levels = breakdowns.map { _ in BreakdownLevel.leaf }
        let (dimensions, names) = scope.dimensionColumns(breakdowns, levels: levels)
        let groupBy = names.joined(separator: ", ")
        let sql: SQLFragment
        if scope.definition.measure == .distinctChildren, let child = scope.source.child {
            let order = (scope.orderDate.map { "t.\($0) DESC, " } ?? "") ++ "t.id DESC"
            sql = "WITH counted AS (SELECT " ++ dimensions ++ ", " ++ scope.numeratorFlag
                ++ " AS met, ROW_NUMBER() OVER (PARTITION BY t.\(child) ORDER BY \(order)) AS latest "
                ++ SQLFragment(scope.from) ++ " " ++ scope.whereClause ++ " AND t.\(child) IS NOT NULL) "
                ++ "SELECT \(groupBy), COUNT(*) AS n, SUM(met) AS met FROM counted WHERE latest = 1 GROUP BY \(groupBy)"
        } else {
            sql = "SELECT " ++ dimensions ++ ", COUNT(*) AS n, SUM(" ++ scope.numeratorFlag ++ ") AS met "
                ++ SQLFragment(scope.from) ++ " " ++ scope.whereClause ++ " GROUP BY \(groupBy)"
        }
        return CompiledIndicator.Query(sql: sql.sql, arguments: sql.arguments, dimensionCount: names.count)
    }
}

/// The grouped queries of sums, means and medians, one per combination of hierarchy levels.
/// Contributors are children (or rows without a child): a dominance rule asks whether one
/// child's placements make up most of a cell.
struct MagnitudeSQL {
    let scope: Scope
    let breakdowns: [Breakdown]

    private func base(levels: [BreakdownLevel]) -> (SQLFragment, String) {
        let (dimensions, names) = scope.dimensionColumns(breakdowns, levels: levels)
        let unit = scope.source.child.map { "COALESCE(t.\($0), 'row:' || CAST(t.id AS TEXT))" } ?? "'row:' || CAST(t.id AS TEXT)"
        let value = scope.column(scope.definition.value ?? "")
        let sql =
            "base AS (SELECT " ++ dimensions ++ ", \(unit) AS unit, \(value) AS v " ++ SQLFragment(scope.from) ++ " "
            ++ scope.whereClause ++ " AND \(value) IS NOT NULL)"
        return (sql, names.joined(separator: ", "))
    }

    func sums(levels: [BreakdownLevel]) -> CompiledIndicator.Query {
        let (base, dims) = base(levels: levels)
        let sql =
            "WITH " ++ base
            ++ ", per_unit AS (SELECT \(dims), unit, SUM(v) AS v, COUNT(*) AS n FROM base GROUP BY \(dims), unit)"
            ++ ", ranked AS (SELECT \(dims), v, n, ROW_NUMBER() OVER (PARTITION BY \(dims) ORDER BY v DESC) AS contribution_rank FROM per_unit)"
            ++ " SELECT \(dims), SUM(v) AS total, SUM(n) AS row_count, COUNT(*) AS contributors,"
            ++ " MAX(CASE WHEN contribution_rank = 1 THEN v END) AS largest, MAX(CASE WHEN contribution_rank = 2 THEN v END) AS second_largest"
            ++ " FROM ranked GROUP BY \(dims)"
        return CompiledIndicator.Query(sql: sql.sql, arguments: sql.arguments, dimensionCount: max(1, breakdowns.count))
    }

    /// The median of each cell: the middle value, or the mean of the two middle values.
    func medians(levels: [BreakdownLevel]) -> CompiledIndicator.Query {
        let (base, dims) = base(levels: levels)
        let sql =
            "WITH " ++ base
            ++ ", ordered AS (SELECT \(dims), v, ROW_NUMBER() OVER (PARTITION BY \(dims) ORDER BY v) AS position,"
            ++ " COUNT(*) OVER (PARTITION BY \(dims)) AS n FROM base)"
            ++ " SELECT \(dims), AVG(v) AS median FROM ordered WHERE 2 * position IN (n, n ++ 1, n ++ 2) GROUP BY \(dims)"
        return CompiledIndicator.Query(sql: sql.sql, arguments: sql.arguments, dimensionCount: max(1, breakdowns.count))
    }
}
