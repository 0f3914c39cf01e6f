import GRDB
import LLNCCatalogue

@testable import LLNCNode

extension ReferenceComputation {
    /// Each child's state at the end of `p`: the first listed state with an open row, the
    /// latest-starting such row deciding its category.
    func states(at p: ReportingPeriod, _ rules: [Definition.StateRule]) throws -> [String: String] {
        var best: [String: (priority: Int, since: String, state: String)] = [:]
        for (priority, rule) in rules.enumerated() {
            let s = catalogue.source(rule.source)!
            for row in try rows(s) where row.year == p.collectionYear {
                guard let child = row.child, let start = row.text(rule.start), start <= p.end else { continue }
                if let end = row.text(rule.end), end <= p.end { continue }
                var name = rule.name
                if let b = rule.breakdown.flatMap(catalogue.breakdown) {
                    guard let category = ReferenceData.category(b, .leaf, row, source: s, end: p.end) else { continue }
                    name += ":" + category
                }
                if let old = best[child], old.priority < priority || old.since >= start { continue } // earlier states win; then the latest start
                best[child] = (priority, start, name)
            }
        }
        return best.mapValues(\.state)
    }

    /// transition query: [from, to, breakdowns...] → [n, 0].
    func transitions() throws -> [[String?]: [Double]] {
        guard case .transition(let rules, let otherwise) = definition.population else { return [:] }
        let before = try states(at: period.previous, rules)
        let after = try states(at: period, rules)
        var attributes: [String: ReferenceRow] = [:]
        for row in try rows(source) {
            guard let child = row.child else { continue }
            // The latest non-missing value of each breakdown field, as MAX() takes it.
            if let old = attributes[child] {
                let merged = breakdowns.map(\.field).reduce(into: old.fields) { fields, f in
                    if let new = row.text(f), new > (old.text(f) ?? "") { fields[f] = new.databaseValue }
                }
                attributes[child] = ReferenceRow(id: old.id, year: old.year, fields: merged)
            } else {
                attributes[child] = row
            }
        }
        var out: [[String?]: [Double]] = [:]
        for child in Set(before.keys).union(after.keys) {
            let row = attributes[child] ?? ReferenceRow(id: 0, year: 0, fields: [:])
            let k: [String?] =
                [before[child] ?? otherwise, after[child] ?? otherwise]
                + breakdowns.map { ReferenceData.category($0, .leaf, row, source: source, end: period.end) }
            out[k, default: [0, 0]][0] += 1
        }
        return out
    }
}
