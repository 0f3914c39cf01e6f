/// A table after disclosure control: what to publish for every cell and percentage, and the
/// audit that proves it. `table` (the unrounded input) and `audit` (true values beside the
/// attacker's intervals) are for the publisher, kept so the result can be audited again with
/// other tables; only `cells` and `percentages` are for publication.
public struct ProtectedTable: Sendable {
    public let table: Table
    public let policy: Policy
    public let cells: [ProtectedCell]
    public let percentages: [ProtectedPercentage]
    /// The attack on this table alone, run before it was returned.
    public let audit: AuditReport

    public var primaryCount: Int {
        cells.filter { if case .primarySuppressed = $0.status { return true } else { return false } }.count
    }
    public var secondaryCount: Int { cells.filter { $0.status == .secondarySuppressed }.count }
    /// Sum of the true values of secondary suppressions: the "size" half of information loss.
    public var secondaryValue: Double {
        cells.indices.filter { cells[$0].status == .secondarySuppressed }.reduce(0) { $0 + table.values[$1] }
    }

    /// The cell's name in an attack across tables: the table's population and its dimension
    /// values other than each dimension's root, so `(Oldham, Total)` in an age table and
    /// `(Oldham)` in a site table of the same population are the same cell.
    public func label(of index: Int) -> String { table.label(of: index) }

    /// What a reader learns from this table, added to `knowledge`; returns each cell's index
    /// in it.
    func teach(_ knowledge: inout AttackerKnowledge) -> [Int] {
        var columns: [Int] = []
        columns.reserveCapacity(cells.count)
        for (index, cell) in cells.enumerated() {
            let (lower, upper) = interval(of: cell)
            columns.append(
                knowledge.learn(
                    label: label(of: index), lower: lower, upper: upper, isSuppressed: cell.status.isSuppressed,
                    isInteger: table.kind == .frequency))
        }
        for relation in table.relations {
            knowledge.learn(Relation(parent: columns[relation.parent], children: relation.children.map { columns[$0] }))
        }
        for percentage in percentages {
            guard let value = percentage.value,
                let n = table.index(of: percentage.definition.numerator),
                let d = table.index(of: percentage.definition.denominator)
            else { continue }
            let half = 0.5 / pow10(policy.percentageDecimalPlaces)
            // The percentage rule is public: a shown percentage says its numerator is at least
            // the minimum and its denominator exceeds it by at least the minimum remainder.
            let numeratorAtLeast = policy.shownPercentageNumeratorAtLeast
            knowledge.learn(
                label: knowledge.cells[columns[n]].label, lower: numeratorAtLeast, upper: nil,
                isSuppressed: knowledge.cells[columns[n]].isSuppressed)
            let remainder = knowledge.learn(
                label: "remainder of percentage \(percentage.definition.name) in \(table.name)",
                lower: Double(policy.percentageMinimumRemainder), upper: nil, isSuppressed: false, isInteger: true)
            knowledge.learn(Relation(parent: columns[d], children: [columns[n], remainder]))
            knowledge.learn(
                AttackerKnowledge.Ratio(
                    numerator: columns[n], denominator: columns[d],
                    lowerFraction: max(0, value - half) / 100, upperFraction: (value + half) / 100))
        }
        return columns
    }

    /// The interval a reader learns from one published cell, knowing the published rules.
    func interval(of cell: ProtectedCell) -> (Double, Double?) {
        switch cell.status {
        case .primarySuppressed, .secondarySuppressed, .perturbed:
            return (0, nil)
        case .published:
            guard table.kind == .frequency, let value = cell.value else { return (cell.value ?? 0, cell.value ?? 0) }
            return policy.possibleCounts(shown: value, base: nil, zerosShown: !table.isSensitive)
        case .rounded(let base):
            if cell.symbol == .low { return policy.possibleCountsOfLow(base: base) }
            return policy.possibleCounts(shown: cell.value ?? 0, base: base, zerosShown: !table.isSensitive)
        }
    }
}

func pow10(_ places: Int) -> Double {
    (0..<max(0, places)).reduce(1.0) { value, _ in value * 10 }
}
