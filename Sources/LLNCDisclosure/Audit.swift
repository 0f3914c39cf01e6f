/// Attacks protected tables together (several tables, several periods, linked by the cells
/// they share) and checks every primary-suppressed cell against its protection interval.
public enum Audit {
    public static func attack(_ tables: [ProtectedTable]) throws -> AuditReport {
        var knowledge = AttackerKnowledge()
        let columns = tables.map { $0.teach(&knowledge) }
        var targets: [(table: Int, cell: Int, column: Int)] = []
        var seen = Set<Int>()
        for (t, table) in tables.enumerated() {
            for (index, cell) in table.cells.enumerated() {
                guard case .primarySuppressed = cell.status else { continue }
                let column = columns[t][index]
                // A cell another table publishes is not suppressed for the attacker at all:
                // attack it anyway so the finding shows it.
                if seen.insert(column).inserted { targets.append((t, index, column)) }
            }
        }
        let intervals = try Attacker.attack(knowledge, cells: targets.map(\.column))
        let findings = zip(targets, intervals).map { target, interval in
            let table = tables[target.table]
            let x = table.table.values[target.cell]
            let margin = requiredMargin(value: x, kind: table.table.kind, policy: table.policy)
            return AuditReport.Finding(
                table: table.table.name, cell: table.table.key(at: target.cell), trueValue: x,
                minimum: interval.minimum, maximum: interval.maximum,
                requiredLower: max(0, x - margin), requiredUpper: x + margin)
        }
        return AuditReport(findings: findings)
    }

    /// Half-width of the protection interval: absolute for counts, relative for magnitudes.
    static func requiredMargin(value: Double, kind: Table.Kind, policy: Policy) -> Double {
        switch kind {
        case .frequency: return policy.protectionMargin
        case .magnitude: return policy.magnitudeProtectionRatio * value
        }
    }
}
