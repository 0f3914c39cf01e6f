import GRDB
import LLNCCatalogue

@testable import LLNCNode

/// An independent computation of a definition's grouped figures: plain Swift loops over rows
/// read whole, following the catalogue README's words, not the compiler's SQL. Keys are the
/// category values of each dimension, as the compiled queries return them.
struct ReferenceComputation {
    let catalogue: Catalogue
    let indicator: Indicator
    let period: ReportingPeriod
    let reader: any DatabaseReader

    func rows(_ s: Source) throws -> [ReferenceRow] { try reader.read { try ReferenceData.rows(s, catalogue, $0) } }

    var definition: Definition { indicator.definition }
    var source: Source { catalogue.source(definition.source)! }
    var breakdowns: [Breakdown] { indicator.breakdowns.map { catalogue.breakdown($0)! } }

    func holds(_ c: Condition, _ row: ReferenceRow, _ all: [ReferenceRow]) -> Bool {
        switch c {
        case .isIn(let f, let codes): return row.text(f).map(codes.contains) ?? false
        case .notIn(let f, let codes): return row.text(f).map { !codes.contains($0) } ?? true
        case .isMissing(let f): return (row.fields[f] ?? .null).isNull
        case .isPresent(let f): return !(row.fields[f] ?? .null).isNull
        case .between(let f, let from, let to):
            guard let v = row.number(f) else { return false }
            return v >= (from ?? -.infinity) && v <= (to ?? .infinity)
        case .ageAtEnd(let f, let from, let to):
            return ReferenceData.age(row.text(f), at: period.end).map { $0 >= from && $0 <= to } ?? false
        case .earlierRowWithinMonths(let months):
            guard case .events(let date) = definition.population, let d = row.text(date) else { return false }
            return all.contains { other in
                guard other.child == row.child, let o = other.text(date) else { return false }
                return o < d && ReferenceData.dayIndex(o) >= ReferenceData.dayIndex(d) - months * 100
            }
        case .rowsInPeriodAtLeast(let count, let conditions):
            return all.filter { other in
                other.child == row.child && other.year == period.collectionYear && conditions.allSatisfy { holds($0, other, all) }
            }.count >= count
        case .latestRowAtLeastMonthsBeforeEnd(let date, let months, let conditions):
            let dates = all.filter { other in other.child == row.child && conditions.allSatisfy { holds($0, other, all) } }
                .compactMap { $0.text(date) }.filter { $0 <= period.end }
            guard let latest = dates.max() else { return false }
            return latest <= period.end(minusMonths: months)
        }
    }

    /// Rows counted: the period's year, in the population, meeting every filter.
    func counted(_ all: [ReferenceRow]) -> [ReferenceRow] {
        all.filter { row in
            guard row.year == period.collectionYear else { return false }
            switch definition.population {
            case .records, .transition: break
            case .events(let date):
                guard let d = row.text(date), d >= period.start, d <= period.end else { return false }
            case .openAtEnd(let start, let end):
                guard let s = row.text(start), s <= period.end else { return false }
                if let e = row.text(end), e <= period.end { return false }
            }
            return definition.filters.allSatisfy { holds($0, row, all) }
        }
    }

    func key(_ row: ReferenceRow, levels: [BreakdownLevel]) -> [String?] {
        breakdowns.isEmpty ? ["all"] : zip(breakdowns, levels).map { ReferenceData.category($0, $1, row, source: source, end: period.end) }
    }

    /// counts query: key → [n, met].
    func counts() throws -> [[String?]: [Double]] {
        let all = try rows(source)
        var rows = counted(all)
        if definition.measure == .distinctChildren {
            let order: (ReferenceRow) -> String = { row in
                switch definition.population {
                case .events(let d): row.text(d) ?? ""
                case .openAtEnd(let s, _): row.text(s) ?? ""
                default: ""
                }
            }
            var latest: [String: ReferenceRow] = [:]
            for row in rows where row.child != nil {
                if let seen = latest[row.child!], (order(seen), seen.id) > (order(row), row.id) { continue }
                latest[row.child!] = row
            }
            rows = Array(latest.values)
        }
        var out: [[String?]: [Double]] = [:]
        for row in rows {
            let met = !definition.numerator.isEmpty && definition.numerator.allSatisfy { holds($0, row, all) }
            let k = key(row, levels: breakdowns.map { _ in .leaf })
            out[k, default: [0, 0]][0] += 1
            out[k, default: [0, 0]][1] += met ? 1 : 0
        }
        return out
    }

    /// cube query at `levels`: key → [total, row_count, contributors, largest, second_largest].
    func sums(levels: [BreakdownLevel]) throws -> [[String?]: [Double?]] {
        let rows = counted(try rows(source)).filter { $0.number(definition.value!) != nil }
        var perUnit: [[String?]: [String: (Double, Double)]] = [:]
        for row in rows {
            let unit = row.child ?? "row:\(row.id)"
            let old = perUnit[key(row, levels: levels), default: [:]][unit] ?? (0, 0)
            perUnit[key(row, levels: levels), default: [:]][unit] = (old.0 + row.number(definition.value!)!, old.1 + 1)
        }
        return perUnit.mapValues { units in
            let values = units.values.map(\.0).sorted(by: >)
            return [values.reduce(0, +), units.values.map(\.1).reduce(0, +), Double(values.count), values.first, values.count > 1 ? values[1] : nil]
        }
    }

    func medians(levels: [BreakdownLevel]) throws -> [[String?]: [Double?]] {
        let rows = counted(try rows(source)).filter { $0.number(definition.value!) != nil }
        let grouped = Dictionary(grouping: rows) { key($0, levels: levels) }
        return grouped.mapValues { group in
            let v = group.map { $0.number(definition.value!)! }.sorted()
            return [v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2]
        }
    }

    func population() throws -> Double? {
        guard let d = definition.denominator else { return nil }
        let rows = try rows(catalogue.source(d.source)!)
            .filter { $0.year == period.collectionYear && (Double(d.fromAge)...Double(d.toAge)).contains($0.number("age") ?? -1) }
        return rows.isEmpty ? nil : rows.reduce(0) { $0 + ($1.number("population") ?? 0) }
    }
}
