import LLNCCatalogue

/// What the SQL of one definition is built against: its source (aliased `t`, with the
/// per-child attribute table as `a`), the period, and the definition's conditions.
struct Scope: Sendable {
    let catalogue: Catalogue
    let source: Source
    let period: ReportingPeriod
    let definition: Definition

    /// `FROM table t [LEFT JOIN attributes a ON same child and year]`.
    var from: String {
        var sql = "FROM \(source.table) t"
        if let join = source.attributes, let child = source.child {
            sql += " LEFT JOIN \(join.table) a ON a.\(child) = t.\(child) AND a.collection_year = t.collection_year"
        }
        return sql
    }

    /// A field of the main row (`t`, or `a` for attribute fields), or of a correlated row.
    func column(_ field: String, alias: String = "t") -> String {
        if alias == "t", source.attributes?.fields.contains(field) == true { return "a.\(field)" }
        return "\(alias).\(field)"
    }

    /// The date that orders a child's rows (their latest counts) and events.
    var orderDate: String? {
        switch definition.population {
        case .events(let date): date
        case .openAtEnd(let start, _): start
        case .records, .transition: nil
        }
    }

    /// Rows of the period that meet every filter: `WHERE ...`.
    var whereClause: SQLFragment {
        var parts = [SQLFragment("t.collection_year = ") ++ .integer(period.collectionYear)]
        switch definition.population {
        case .records, .transition: break
        case .events(let date):
            parts.append(SQLFragment("t.\(date) >= ") ++ .text(period.start) ++ " AND t.\(date) <= " ++ .text(period.end))
        case .openAtEnd(let start, let end):
            parts.append(SQLFragment("t.\(start) <= ") ++ .text(period.end) ++ " AND (t.\(end) IS NULL OR t.\(end) > " ++ .text(period.end) ++ ")")
        }
        parts += definition.filters.map { condition($0) }
        return "WHERE " ++ parts.map { "(" ++ $0 ++ ")" }.sqlJoined(separator: " AND ")
    }

    /// `CASE WHEN numerator THEN 1 ELSE 0 END`, or `0` when there is no numerator.
    var numeratorFlag: SQLFragment {
        guard !definition.numerator.isEmpty else { return SQLFragment("0") }
        return "CASE WHEN " ++ definition.numerator.map { "(" ++ condition($0) ++ ")" }.sqlJoined(separator: " AND ") ++ " THEN 1 ELSE 0 END"
    }

    func condition(_ condition: Condition, alias: String = "t") -> SQLFragment {
        switch condition {
        case .isIn(let f, let codes):
            return SQLFragment(column(f, alias: alias) ++ " IN ") ++ .list(codes)
        case .notIn(let f, let codes):
            let c = column(f, alias: alias)
            return SQLFragment("\(c) IS NULL OR \(c) NOT IN ") ++ .list(codes)
        case .isMissing(let f):
            return SQLFragment(column(f, alias: alias) ++ " IS NULL")
        case .isPresent(let f):
            return SQLFragment(column(f, alias: alias) ++ " IS NOT NULL")
        case .between(let f, let from, let to):
            let c = column(f, alias: alias)
            var parts: [SQLFragment] = [SQLFragment("\(c) IS NOT NULL")]
            if let from { parts.append(SQLFragment("\(c) >= ") ++ .real(from)) }
            if let to { parts.append(SQLFragment("\(c) <= ") ++ .real(to)) }
            return parts.sqlJoined(separator: " AND ")
        case .ageAtEnd(let f, let from, let to):
            return ageAtEnd(column(f, alias: alias)) ++ " BETWEEN " ++ .integer(from) ++ " AND " ++ .integer(to)
        case .earlierRowWithinMonths(let months):
            guard let date = orderDate, let child = source.child else { return SQLFragment("0 = 1") }
            return SQLFragment("EXISTS (SELECT 1 FROM \(source.table) p WHERE p.\(child) = \(alias).\(child) AND p.\(date) < \(alias).\(date) AND ")
                ++ Self.dayIndex("p.\(date)") ++ " >= " ++ Self.dayIndex("\(alias).\(date)") ++ " - " ++ .integer(months * 100) ++ ")"
        case .rowsInPeriodAtLeast(let count, let conditions):
            guard let child = source.child else { return SQLFragment("0 = 1") }
            let inner =
                [SQLFragment("r.\(child) = \(alias).\(child) AND r.collection_year = ") ++ .integer(period.collectionYear)]
                + conditions.map { "(" ++ self.condition($0, alias: "r") ++ ")" }
            return "(SELECT COUNT(*) FROM \(source.table) r WHERE " ++ inner.sqlJoined(separator: " AND ") ++ ") >= " ++ .integer(count)
        case .latestRowAtLeastMonthsBeforeEnd(let date, let months, let conditions):
            guard let child = source.child else { return SQLFragment("0 = 1") }
            let inner =
                [SQLFragment("r.\(child) = \(alias).\(child) AND r.\(date) <= ") ++ .text(period.end)]
                + conditions.map { "(" ++ self.condition($0, alias: "r") ++ ")" }
            return "(SELECT MAX(r.\(date)) FROM \(source.table) r WHERE " ++ inner.sqlJoined(separator: " AND ") ++ ") <= "
                ++ .text(period.end(minusMonths: months))
        }
    }

    /// Whole years of age at the period end from a `yyyy-mm` or `yyyy-mm-dd` text: the year
    /// difference, less one when the birthday (month and day; a bare month counts as its 1st)
    /// falls after the end's.
    func ageAtEnd(_ column: String) -> SQLFragment {
        let endYear = Int(period.end.prefix(4))!
        return "(" ++ .integer(endYear) ++ " - CAST(substr(\(column), 1, 4) AS INTEGER) - CASE WHEN substr(\(column), 6, 5) > "
            ++ .text(String(period.end.dropFirst(5))) ++ " THEN 1 ELSE 0 END)"
    }

    /// A date as (year × 12 + month) × 100 + day, so "within N months before" is integer
    /// arithmetic both SQLite and DuckDB evaluate the same way.
    static func dayIndex(_ column: String) -> SQLFragment {
        SQLFragment(
            "((CAST(substr(\(column), 1, 4) AS INTEGER) * 12 ++ CAST(substr(\(column), 6, 2) AS INTEGER)) * 100 ++ CAST(substr(\(column), 9, 2) AS INTEGER))"
        )
    }

    /// The category of a row in `breakdown` at `level`: a CASE over the field's codes (or
    /// age), ending in the breakdown's `otherwise` (NULL when it has none: the engine refuses
    /// rows that fall in no category rather than drop them).
    func category(_ breakdown: Breakdown, level: BreakdownLevel, alias: String = "t") -> SQLFragment {
        if level == .total { return SQLFragment("'Total'") }
        let otherwise: SQLFragment = breakdown.otherwise.map { .text($0) } ?? SQLFragment("NULL")
        switch breakdown.rule {
        case .ageBands(let field, let bands):
            let kind = source.field(field)?.kind
            let age = kind == .number ? SQLFragment(column(field, alias: alias)) : ageAtEnd(column(field, alias: alias))
            let cases = bands.map { " WHEN " ++ age ++ " BETWEEN " ++ .integer($0.from) ++ " AND " ++ .integer($0.to) ++ " THEN " ++ .text($0.name) }
            return "CASE" ++ cases.sqlJoined(separator: "") ++ " ELSE " ++ otherwise ++ " END"
        case .codes(let field, let categories):
            let c = column(field, alias: alias)
            var arms: [(String, [String])] = categories.map { ($0.name, $0.codes) }
            if level == .group {
                arms = breakdown.groups.map { group in
                    (group, categories.filter { breakdown.groupOf[$0.name] == group }.flatMap(\.codes))
                }
            }
            let cases = arms.map { " WHEN \(c) IN " ++ SQLFragment.list($0.1) ++ " THEN " ++ .text($0.0) }
            return "CASE" ++ cases.sqlJoined(separator: "") ++ " ELSE " ++ otherwise ++ " END"
        }
    }

    /// `expr AS d0, expr AS d1, ...`, or a single constant dimension for an overall figure, so
    /// every query groups by something.
    func dimensionColumns(_ breakdowns: [Breakdown], levels: [BreakdownLevel]) -> (select: SQLFragment, names: [String]) {
        guard !breakdowns.isEmpty else { return (SQLFragment("'all' AS d0"), ["d0"]) }
        let names = breakdowns.indices.map { "d\($0)" }
        let select = zip(breakdowns, levels).enumerated().map { i, pair in category(pair.0, level: pair.1) ++ " AS d\(i)" }
        return (select.sqlJoined(separator: ", "), names)
    }
}
