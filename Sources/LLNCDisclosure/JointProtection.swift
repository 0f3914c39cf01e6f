/// Protects tables that share or are linked by the same counts as one problem: one secondary
/// suppression over every cell of every table, and one audit over all of them, with what was
/// published before (an earlier period's tables) held fixed.
///
/// Cells with the same label (`Table.label`: same population, same non-root values) are one
/// number, suppressed or shown together. `identities` add the links the labels cannot say
/// (a flow matrix's destination is the stock; the stock now is the stock before plus starts
/// minus endings); each is used only where it holds for the true values, since an identity
/// that does not hold for this site's data tells a reader nothing exact. `earlier` tables are
/// already out: their published cells can move only within what they showed, and they are
/// never suppressed now; their primary cells are attacked again and must stay protected.
public enum JointProtection {
    public struct Result: Sendable {
        /// The protected tables, in the order given; each one's `audit` holds its findings
        /// from the joint attack.
        public let tables: [ProtectedTable]
        /// The attack on every table, earlier ones included, with every identity that holds.
        public let audit: AuditReport
        /// Identities used (they hold for the true values).
        public let identitiesApplied: [String]
        /// Identities that name cells here but do not hold for the true values.
        public let identitiesNotHolding: [String]
        /// Primary cells whose value the tables' structure and identities determine whatever is
        /// published. The relations are homogeneous and every cell is ≥ 0, so such a cell is
        /// always a structural zero (a category no child can be in once the linked tables
        /// agree): no suppression can hide it, and it tells a reader only what the definitions do.
        public let fixedByDefinition: [String]
    }

    public static func protect(_ tables: [Table], identities: [Identity] = [], earlier: [ProtectedTable] = [], policy: Policy) throws -> Result {
        try policy.validate()
        var problem = try JointProblem(tables: tables, earlier: earlier, identities: identities, policy: policy)
        return try problem.solve()
    }
}

/// The combined cells of a joint protection: one variable per distinct label.
private struct JointProblem {
    let tables: [Table]
    let earlier: [ProtectedTable]
    let policy: Policy
    let rules: [[PrimaryRule?]]
    /// The variable of each cell of each current table.
    let variables: [[Int]]
    var values: [Double] = []
    var published: [(lower: Double, upper: Double)?] = []
    var frozen: [Bool] = []
    var labels: [String] = []
    /// Label → variable.
    var index: [String: Int] = [:]
    var relations: [Relation] = []
    var ratios: [AttackerKnowledge.Ratio] = []
    /// For each current table, percentage position → index in `ratios`.
    var ratioOfPercentage: [[Int: Int]] = []
    var applied: [Identity] = []
    var notHolding: [String] = []

    init(tables: [Table], earlier: [ProtectedTable], identities: [Identity], policy: Policy) throws {
        self.tables = tables
        self.earlier = earlier
        self.policy = policy
        let names = tables.map(\.name) + earlier.map(\.table.name)
        if let twice = Dictionary(grouping: names, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw DisclosureError.invalidPolicy(reason: "tables protected together need distinct names; `\(twice)` is given twice")
        }
        var index: [String: Int] = [:]
        var values: [Double] = []
        var published: [(lower: Double, upper: Double)?] = []
        var frozen: [Bool] = []
        var labels: [String] = []
        func variable(_ label: String, value: Double, table: String) throws -> Int {
            if let v = index[label] {
                guard abs(values[v] - value) < 1e-6 else { throw DisclosureError.linkedCellsDisagree(label: label, table: table) }
                return v
            }
            index[label] = values.count
            values.append(value)
            published.append((-Double.infinity, Double.infinity))
            frozen.append(false)
            labels.append(label)
            return values.count - 1
        }
        func narrow(_ v: Int, to interval: (lower: Double, upper: Double)?) {
            guard let current = published[v] else { return }
            guard let interval else {
                published[v] = nil
                return
            }
            published[v] = (max(current.lower, interval.lower), min(current.upper, interval.upper))
        }
        for old in earlier {
            for (i, cell) in old.cells.enumerated() {
                let v = try variable(old.label(of: i), value: old.table.values[i], table: old.table.name)
                frozen[v] = true
                let shown = old.interval(of: cell)
                narrow(v, to: shown.1.map { (shown.0, $0) })
            }
            for relation in old.table.relations {
                relations.append(
                    Relation(parent: index[old.label(of: relation.parent)]!, children: relation.children.map { index[old.label(of: $0)]! }))
            }
        }
        var rules: [[PrimaryRule?]] = []
        var variables: [[Int]] = []
        for table in tables {
            let tableRules = PrimarySuppression.rules(for: table, policy: policy)
            var columns: [Int] = []
            for i in table.values.indices {
                let v = try variable(table.label(of: i), value: table.values[i], table: table.name)
                guard !frozen[v] else { throw DisclosureError.linkedCellsDisagree(label: table.label(of: i), table: table.name) }
                narrow(v, to: tableRules[i] == nil ? table.readerInterval(of: i, policy: policy) : nil)
                columns.append(v)
            }
            for relation in table.relations {
                relations.append(Relation(parent: columns[relation.parent], children: relation.children.map { columns[$0] }))
            }
            rules.append(tableRules)
            variables.append(columns)
        }
        // Earlier published percentages are fixed bands; current ones may still be withheld.
        for old in earlier {
            for percentage in old.percentages {
                guard let value = percentage.value, let n = old.table.index(of: percentage.definition.numerator),
                    let d = old.table.index(of: percentage.definition.denominator)
                else { continue }
                let half = 0.5 / pow10(policy.percentageDecimalPlaces)
                ratios.append(
                    AttackerKnowledge.Ratio(
                        numerator: index[old.label(of: n)]!, denominator: index[old.label(of: d)]!,
                        lowerFraction: max(0, value - half) / 100, upperFraction: (value + half) / 100))
            }
        }
        for (t, table) in tables.enumerated() {
            var positions: [Int: Int] = [:]
            for (k, band) in table.percentageBands(policy: policy) {
                positions[k] = ratios.count
                ratios.append(
                    AttackerKnowledge.Ratio(
                        numerator: variables[t][band.numerator], denominator: variables[t][band.denominator],
                        lowerFraction: band.lowerFraction, upperFraction: band.upperFraction))
            }
            ratioOfPercentage.append(positions)
        }
        for identity in identities {
            guard let holds = identity.holds({ index[$0].map { values[$0] } }) else { continue }
            guard holds else {
                notHolding.append(identity.name)
                continue
            }
            let plus = identity.plus.map { index[$0]! }
            let minus = identity.minus.map { index[$0]! }
            guard Set(plus) != Set(minus) else { continue }
            applied.append(identity)
            relations += Identity.indexRelations(
                plus: plus, minus: minus,
                auxiliary: {
                    let label = "identity: \(identity.name)"
                    index[label] = values.count
                    values.append(plus.reduce(0) { $0 + values[$1] })
                    published.append(nil)
                    frozen.append(false)
                    labels.append(label)
                    return values.count - 1
                })
        }
        // A cell no table published (or one only primary rules touch) stays unknown.
        self.values = values
        self.published = published.map { $0.flatMap { $0.lower.isFinite && $0.upper.isFinite ? $0 : nil } }
        self.frozen = frozen
        self.labels = labels
        self.index = index
        self.rules = rules
        self.variables = variables
    }

    mutating func solve() throws -> JointProtection.Result {
        var suppression = SecondarySuppression(
            values: values, published: published, relations: relations, ratios: ratios, frozen: frozen,
            integerSeconds: policy.integerAttackSeconds)
        var seeds: [[Double]] = []
        let identities = applied
        let earlier = self.earlier
        let fixed = try fixedByDefinition()
        func assemble(_ mask: [Bool]) throws -> (tables: [ProtectedTable], audit: AuditReport) {
            let current = try tables.enumerated().map { t, table in
                try ProtectedTable.assemble(
                    table, policy: policy, rules: rules[t], suppressed: variables[t].map { mask[$0] },
                    percentageActive: table.percentages.indices.map { k in ratioOfPercentage[t][k].map { suppression.ratioActive[$0] } },
                    audited: false, seeds: &seeds)
            }
            let attacked = try Audit.attack(current + earlier, identities: identities, fixedByDefinition: fixed, exact: false, seeds: seeds)
            seeds += attacked.points
            return (current, attacked.report)
        }
        var variableOf: [String: [CellKey: Int]] = [:]
        for (t, table) in tables.enumerated() {
            variableOf[table.name] = Dictionary(uniqueKeysWithValues: table.values.indices.map { (table.key(at: $0), variables[t][$0]) })
        }
        for old in earlier {
            variableOf[old.table.name] = Dictionary(
                uniqueKeysWithValues: old.table.values.indices.map {
                    (old.table.key(at: $0), index[old.label(of: $0)]!)
                })
        }
        var result = try assemble(suppression.suppressed)
        var growth = 1.0
        for _ in 0..<4 where !result.audit.passed {
            let needs = result.audit.failures.compactMap { failure -> SecondarySuppression.Need? in
                guard let v = variableOf[failure.table]?[failure.cell] else { return nil }
                let kind =
                    tables.first { $0.name == failure.table }?.kind ?? earlier.first { $0.table.name == failure.table }?.table.kind ?? .frequency
                let integer = failure.integerCheck == .narrowed
                let margin = Audit.requiredMargin(value: values[v], kind: kind, policy: policy) * (integer ? 1 : growth) + (integer ? 0 : growth - 1)
                let up = (failure.maximum.map { $0 < failure.requiredUpper - 1e-6 } ?? false) ? margin : 0
                let down = failure.minimum > failure.requiredLower + 1e-6 ? min(values[v], margin) : 0
                return SecondarySuppression.Need(cell: v, up: up, down: down, integer: integer)
            }
            do {
                _ = try suppression.protect(needs)
            } catch DisclosureError.solverFailed {
                // No change of the current tables protects the cell: what was published
                // before already pins it.
                break
            }
            result = try assemble(suppression.suppressed)
            growth *= 1.01
        }
        guard result.audit.passed else {
            throw DisclosureError.protectionNotAchieved(
                table: (tables.map(\.name)).joined(separator: ", "), cells: result.audit.failures.map(\.cell))
        }
        // Sequential choices can leave a suppression later ones made redundant: try showing
        // each again, largest first, and keep what still passes the joint audit.
        var mask = suppression.suppressed
        let isPrimary = Set(tables.indices.flatMap { t in tables[t].values.indices.filter { rules[t][$0] != nil }.map { variables[t][$0] } })
        let current = Set(variables.flatMap { $0 })
        if values.count <= Table.cleanupLimit {
            let secondaries = mask.indices.filter { mask[$0] && current.contains($0) && !isPrimary.contains($0) && published[$0] != nil }
                .sorted { values[$0] > values[$1] }
            for v in secondaries {
                mask[v] = false
                let trial = try assemble(mask)
                if trial.audit.passed { result = trial } else { mask[v] = true }
            }
        }
        let finalTables = result.tables.map { table in
            ProtectedTable(
                table: table.table, policy: policy, cells: table.cells, percentages: table.percentages,
                audit: AuditReport(findings: result.audit.findings.filter { $0.table == table.table.name }))
        }
        return JointProtection.Result(
            tables: finalTables, audit: result.audit, identitiesApplied: applied.map(\.name), identitiesNotHolding: notHolding,
            fixedByDefinition: fixed.sorted())
    }

    /// The primary cells (this period's and earlier ones') that the relations and identities
    /// alone pin to one value, with nothing published: every cell free and ≥ 0.
    func fixedByDefinition() throws -> Set<String> {
        guard !applied.isEmpty else { return [] }
        var knowledge = AttackerKnowledge()
        for label in labels { knowledge.learn(label: label, lower: 0, upper: nil, isSuppressed: true) }
        for relation in relations { knowledge.learn(relation) }
        var targets = Set<Int>()
        for (t, tableRules) in rules.enumerated() {
            for (i, rule) in tableRules.enumerated() where rule != nil { targets.insert(variables[t][i]) }
        }
        for old in earlier {
            for (i, cell) in old.cells.enumerated() {
                if case .primarySuppressed = cell.status, let v = knowledge.index(of: old.label(of: i)) { targets.insert(v) }
            }
        }
        let intervals = try Attacker.attack(knowledge, cells: targets.sorted())
        return Set(intervals.filter { interval in interval.maximum.map { $0 - interval.minimum < 1e-6 } ?? false }.map(\.label))
    }
}

extension ProtectedTable {
    /// What one cell of an earlier publication showed.
    public enum Shown: Sendable, Hashable {
        case exact(Double)
        case rounded(Double, base: Int)
        /// `low`: not zero, but rounds to zero at `base`.
        case low(base: Int)
        case suppressed
    }

    /// A table as it was published before (an earlier period), rebuilt from its unrounded
    /// values and what each cell showed, for `JointProtection`'s `earlier`. Suppressed cells
    /// that break a primary rule are primary again, so they are attacked again; a cell with
    /// no record of what it showed counts as suppressed. Its audit is empty: it is evidence,
    /// not a new result.
    public static func published(_ table: Table, policy: Policy, shown: (CellKey) -> Shown?) -> ProtectedTable {
        let rules = PrimarySuppression.rules(for: table, policy: policy)
        let cells = table.values.indices.map { i -> ProtectedCell in
            let key = table.key(at: i)
            switch shown(key) ?? .suppressed {
            case .exact(let value): return ProtectedCell(key: key, status: .published, value: value, symbol: nil)
            case .rounded(let value, let base): return ProtectedCell(key: key, status: .rounded(base: base), value: value, symbol: nil)
            case .low(let base): return ProtectedCell(key: key, status: .rounded(base: base), value: nil, symbol: .low)
            case .suppressed:
                return ProtectedCell(
                    key: key, status: rules[i].map { .primarySuppressed($0) } ?? .secondarySuppressed, value: nil, symbol: .confidential)
            }
        }
        return ProtectedTable(table: table, policy: policy, cells: cells, percentages: [], audit: AuditReport(findings: []))
    }
}
