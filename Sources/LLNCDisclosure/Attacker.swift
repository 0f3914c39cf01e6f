/// The feasible interval an attacker can prove for one suppressed cell.
public struct AttackedInterval: Sendable, Hashable {
    public var cell: Int
    public var label: String
    public var minimum: Double
    /// nil when nothing published bounds the cell from above.
    public var maximum: Double?

    /// True when the attacker pins the cell to one value.
    public var isExact: Bool { maximum.map { $0 - minimum < 1e-6 } ?? false }
}

/// Attacks published tables the way an intruder with an LP solver would: for each suppressed
/// cell, minimise and maximise it subject to everything published. One LP is built and
/// re-solved per cell with only the objective changed, so each solve starts from the last
/// optimal basis.
public enum Attacker {
    public static func attack(_ knowledge: AttackerKnowledge, cells targets: [Int]? = nil) throws -> [AttackedInterval] {
        let targets = targets ?? knowledge.cells.indices.filter { knowledge.cells[$0].isSuppressed }
        guard !targets.isEmpty else { return [] }
        let program = makeProgram(knowledge)
        var results: [AttackedInterval] = []
        results.reserveCapacity(targets.count)
        for target in targets {
            program.setCost(target, 1)
            let minimum: Double
            switch try program.solve(maximize: false, primal: true, stage: "the attack (minimum)") {
            case .optimal(let value): minimum = value
            case .unbounded: minimum = 0
            case .infeasible: throw DisclosureError.solverFailed(stage: "the attack: published values are inconsistent", code: -1)
            }
            let maximum: Double?
            switch try program.solve(maximize: true, primal: true, stage: "the attack (maximum)") {
            case .optimal(let value): maximum = value
            case .unbounded: maximum = nil
            case .infeasible: throw DisclosureError.solverFailed(stage: "the attack: published values are inconsistent", code: -1)
            }
            program.setCost(target, 0)
            results.append(
                AttackedInterval(
                    cell: target, label: knowledge.cells[target].label, minimum: minimum, maximum: maximum))
        }
        return results
    }

    /// Columns are cells; rows are the relations (parent − Σ children = 0) followed by two
    /// rows per ratio (numerator − lower × denominator ≥ 0, numerator − upper × denominator ≤ 0).
    static func makeProgram(_ knowledge: AttackerKnowledge) -> LinearProgram {
        var entries: [(row: Int, column: Int, value: Double)] = []
        for (row, relation) in knowledge.relations.enumerated() {
            entries.append((row, relation.parent, 1))
            for child in relation.children { entries.append((row, child, -1)) }
        }
        let ratioBase = knowledge.relations.count
        for (k, ratio) in knowledge.ratios.enumerated() {
            entries.append((ratioBase + 2 * k, ratio.numerator, 1))
            entries.append((ratioBase + 2 * k, ratio.denominator, -ratio.lowerFraction))
            entries.append((ratioBase + 2 * k + 1, ratio.numerator, 1))
            entries.append((ratioBase + 2 * k + 1, ratio.denominator, -ratio.upperFraction))
        }
        let program = LinearProgram(
            rows: knowledge.relations.count + 2 * knowledge.ratios.count, columns: knowledge.cells.count,
            entries: entries)
        for k in knowledge.ratios.indices {
            program.setRow(ratioBase + 2 * k, lower: 0, upper: nil)
            program.setRow(ratioBase + 2 * k + 1, lower: nil, upper: 0)
        }
        for (column, cell) in knowledge.cells.enumerated() {
            program.setColumn(column, lower: cell.lower, upper: cell.upper)
        }
        return program
    }
}
