/// Attacks protected tables together (several tables, several periods, linked by the cells
/// they share) and checks every primary-suppressed cell against its protection interval.
public enum Audit {
    /// With `exact` (the default) every primary cell is attacked twice and the report holds
    /// the attacker's exact intervals. Without it, protection is certified with far fewer
    /// solves (see `Attacker.certify`): intervals that meet the rule may be shown narrower
    /// than the attacker's true interval, and every failure is still exact.
    /// `identities` are the definitional links between the tables' cells (see `Identity`);
    /// those naming a cell no table has are left out.
    /// `fixedByDefinition` names cells (by label) whose value the tables' structure and
    /// identities determine whatever is published (see `JointProtection`): not attacked.
    /// Every count cell that the linear attack finds protected is then attacked with whole
    /// numbers (`Attacker.integerCheck`), within the policy's `integerAttackSeconds`.
    public static func attack(
        _ tables: [ProtectedTable], identities: [Identity] = [], fixedByDefinition: Set<String> = [], exact: Bool = true
    ) throws -> AuditReport {
        try attack(tables, identities: identities, fixedByDefinition: fixedByDefinition, exact: exact, seeds: []).report
    }

    static func attack(
        _ tables: [ProtectedTable], identities: [Identity] = [], fixedByDefinition: Set<String> = [], exact: Bool, seeds: [[Double]]
    ) throws -> (report: AuditReport, points: [[Double]]) {
        var knowledge = AttackerKnowledge()
        let columns = tables.map { $0.teach(&knowledge) }
        for identity in identities { knowledge.learn(identity) }
        var targets: [(table: Int, cell: Int, column: Int)] = []
        var seen = Set<Int>()
        for (t, table) in tables.enumerated() {
            for (index, cell) in table.cells.enumerated() {
                guard case .primarySuppressed = cell.status else { continue }
                if !fixedByDefinition.isEmpty, fixedByDefinition.contains(table.label(of: index)) { continue }
                let column = columns[t][index]
                // A cell another table publishes is not suppressed for the attacker at all:
                // attack it anyway so the finding shows it.
                if seen.insert(column).inserted { targets.append((t, index, column)) }
            }
        }
        let required = targets.map { target -> (cell: Int, lower: Double, upper: Double) in
            let table = tables[target.table]
            let x = table.table.values[target.cell]
            let margin = requiredMargin(value: x, kind: table.table.kind, policy: table.policy)
            return (target.column, max(0, x - margin), x + margin)
        }
        let intervals: [(minimum: Double, maximum: Double?, isExact: Bool)]
        var points: [[Double]] = []
        if exact {
            intervals = try Attacker.attack(knowledge, cells: targets.map(\.column)).map { ($0.minimum, $0.maximum, true) }
        } else {
            let certified = try Attacker.certify(knowledge, targets: required, seeds: seeds)
            intervals = certified.certificates.map { ($0.minimum, $0.maximum, $0.isExact) }
            points = certified.points
        }
        var findings = zip(zip(targets, required), intervals).map { pair, interval in
            let (target, requirement) = pair
            let table = tables[target.table]
            return AuditReport.Finding(
                table: table.table.name, cell: table.table.key(at: target.cell), trueValue: table.table.values[target.cell],
                minimum: interval.minimum, maximum: interval.maximum,
                requiredLower: requirement.lower, requiredUpper: requirement.upper, isExact: interval.isExact)
        }
        let seconds = tables.first?.policy.integerAttackSeconds ?? 0
        let counted = findings.indices.filter { findings[$0].isProtected && knowledge.cells[required[$0].cell].isInteger }
        if !counted.isEmpty {
            let checked = try Attacker.integerCheck(
                knowledge, targets: counted.map { required[$0] }, witnesses: seeds + points, seconds: seconds)
            points += checked.points
            for (k, verdict) in zip(counted, checked.verdicts) {
                switch verdict {
                case .reached: findings[k].integerCheck = .reached
                case .outOfTime: findings[k].integerCheck = .outOfTime
                case .narrowed(let minimum, let maximum):
                    findings[k].integerCheck = .narrowed
                    if let minimum { findings[k].minimum = minimum }
                    if let maximum { findings[k].maximum = maximum }
                    findings[k].isExact = true
                }
            }
        }
        return (AuditReport(findings: findings), points)
    }

    /// Half-width of the protection interval: absolute for counts, relative for magnitudes.
    static func requiredMargin(value: Double, kind: Table.Kind, policy: Policy) -> Double {
        switch kind {
        case .frequency: return policy.protectionMargin
        case .magnitude: return policy.magnitudeProtectionRatio * value
        }
    }
}
