/// Rule builders the layouts share, so each per-child rule is written once.
extension RowRule {
    /// `later` is on or after `earlier` when both are given.
    static func order(_ id: String, earlier: String, later: String, fix: String) -> RowRule {
        RowRule(id, column: later, message: "\(later) is before \(earlier)", fix: fix) { row in
            guard let a = row[earlier].day, let b = row[later].day else { return true }
            return b >= a
        }
    }

    /// `a` and `b` are both filled or both blank (an end date and its reason).
    static func together(_ id: String, _ a: String, _ b: String) -> RowRule {
        RowRule(
            id, column: b, message: "\(a) and \(b) must both be filled or both be blank",
            fix: "give \(b) whenever \(a) is given, and leave both blank otherwise"
        ) { row in
            row[a].isNone == row[b].isNone
        }
    }

    /// `column` is not after the end of the collection year the file is loaded for.
    static func notAfterYearEnd(_ id: String, _ column: String) -> RowRule {
        RowRule(
            id, column: column, message: "\(column) is after the end of the collection year",
            fix: "check the date, or load the file with the --year it belongs to"
        ) { row in
            guard let d = row[column].day else { return true }
            return d <= CollectionYear(row.year).end
        }
    }

    /// `column` falls within the collection year (1 April to 31 March).
    static func withinYear(_ id: String, _ column: String) -> RowRule {
        RowRule(
            id, column: column, message: "\(column) is outside the collection year (1 April to 31 March)",
            fix: "load the row with the --year it falls in"
        ) { row in
            guard let d = row[column].day else { return true }
            return CollectionYear(row.year).contains(d)
        }
    }

    /// A `DOB`-based age on the date in `on` lies in `range`.
    static func age(
        _ id: String, dob: String = "DOB", on: @escaping @Sendable (RowView) -> CalendarDay?,
        within range: ClosedRange<Int>, message: String, fix: String
    ) -> RowRule {
        RowRule(id, column: dob, message: message, fix: fix) { row in
            guard let birth = row[dob].day, let date = on(row) else { return true }
            return range.contains(birth.age(on: date))
        }
    }
}

extension FileRule {
    /// At most one row for each value of the key columns (e.g. one header row per child).
    static func unique(_ id: String, _ key: [String], what: String) -> FileRule {
        FileRule(
            id, column: key[0], message: "more than one \(what)",
            fix: "keep one row per \(key.joined(separator: " and ")); remove or merge the repeats", partition: key, columns: key
        ) { rows in
            guard let layout = rows.first?.layout else { return [] }
            let columns = key.compactMap { layout.index(of: $0) }
            var seen = Set<[FieldValue]>()
            var bad: [Int] = []
            for (i, row) in rows.enumerated() {
                let k = columns.map { row.values[$0] }
                if k.allSatisfy({ !$0.isNone }), !seen.insert(k).inserted { bad.append(i) }
            }
            return bad
        }
    }

    /// A child's periods (start, optional end) do not overlap; an open period is the last.
    /// Touching periods (one ends the day the next starts) are allowed, as SSDA903 requires.
    static func noOverlap(_ id: String, child: String, start: String, end: String, what: String) -> FileRule {
        FileRule(
            id, column: start, message: "\(what) overlaps another of the same child's",
            fix: "make each \(start) on or after the previous \(end); only the last may be open", partition: [child],
            columns: [child, start, end]
        ) { rows in
            guard let layout = rows.first?.layout, let c = layout.index(of: child), let s = layout.index(of: start),
                let e = layout.index(of: end)
            else { return [] }
            var byChild: [String: [Int]] = [:]
            for (i, row) in rows.enumerated() {
                if let id = row.values[c].text, row.values[s].day != nil { byChild[id, default: []].append(i) }
            }
            var bad: [Int] = []
            for indices in byChild.values where indices.count > 1 {
                let sorted = indices.sorted { rows[$0].values[s].day! < rows[$1].values[s].day! }
                var previousEnd: CalendarDay? = rows[sorted[0]].values[e].day
                var previousOpen = previousEnd == nil
                for i in sorted.dropFirst() {
                    let begins = rows[i].values[s].day!
                    if previousOpen || begins < previousEnd! { bad.append(i) }
                    let ends = rows[i].values[e].day
                    previousOpen = previousOpen || ends == nil
                    if let ends { previousEnd = max(ends, previousEnd ?? ends) }
                }
            }
            return bad
        }
    }
}
