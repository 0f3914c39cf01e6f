import LLNCDisclosure
import LLNCProtocol

extension ReleaseAttack {
    /// Attacks one group: first with the ledger and the sites' figures alone (the baseline),
    /// then with the new derived figures. When together they would narrow a protected cell,
    /// figures are admitted one at a time in priority order, each only if the set admitted
    /// so far stays safe; the rest are returned as withheld. Every released set is one the
    /// LP has proven safe as a whole.
    mutating func clear(_ group: Group) throws -> (withheld: [LedgerEntry], exposures: [Exposure]) {
        do {
            return try attackGroup(group)
        } catch DisclosureError.solverFailed(_, let code) where code == -1 && !splitEverything {
            // The figures contradict an unchanged-revision assumption: the attacker learns the
            // values changed, so keep every vintage apart and attack again.
            splitEverything = true
            defer { splitEverything = false }
            do {
                return try attackGroup(group)
            } catch DisclosureError.solverFailed(_, let code) where code == -1 && group.relations.contains(where: { $0.identity != nil }) {
                // A catalogue identity the site's figures contradict (it does not hold for
                // this site's data) tells a reader nothing exact: attack without identities.
                var plain = group
                plain.relations.removeAll { $0.identity != nil }
                return try attackGroup(plain)
            }
        }
    }

    private func attackGroup(_ group: Group) throws -> (withheld: [LedgerEntry], exposures: [Exposure]) {
        let targets = targets(in: group)
        guard !targets.isEmpty else { return ([], []) }
        let baseline = try attack(group, figures: [], targets: targets)
        var exposures: [Exposure] = []
        for (target, interval) in zip(targets, baseline) {
            if let known = target.known, !covers(interval, required(known, magnitude: target.magnitude)) {
                exposures.append(Exposure(site: target.variable.site, cell: target.variable.cell, part: target.variable.part, bounds: interval))
            }
        }
        func safe(_ figures: [LedgerEntry]) throws -> Bool {
            let after = try attack(group, figures: figures, targets: targets)
            return zip(targets, zip(baseline, after)).allSatisfy { target, pair in
                let (before, now) = pair
                if let known = target.known, covers(before, required(known, magnitude: target.magnitude)) {
                    return covers(now, required(known, magnitude: target.magnitude))
                }
                return covers(now, before)
            }
        }
        if try safe(group.figures) { return ([], exposures) }
        // Some combination gives a cell away: keep figures one by one, England first, then
        // regions, then neighbour averages, each only if everything kept so far stays safe.
        var kept: [LedgerEntry] = []
        for figure in group.figures.sorted(by: { (Self.priority($0), $0.figure) < (Self.priority($1), $1.figure) }) {
            if try safe(kept + [figure]) { kept.append(figure) }
        }
        let keptNames = Set(kept.map(\.figure))
        return (group.figures.filter { !keptNames.contains($0.figure) }, exposures)
    }

    /// Which derived figures a release would rather keep when not all can go out.
    static func priority(_ figure: LedgerEntry) -> Int {
        if figure.figure.hasPrefix("national:") { return 0 }
        if figure.figure.hasPrefix("national-shown:") { return 1 }
        if figure.figure.hasPrefix("regional:") { return 2 }
        if figure.figure.hasPrefix("regional-shown:") { return 3 }
        if figure.kind == .neighbourAverage { return 4 }
        return 5
    }

    /// The current cells of the group that must stay protected: every held cell, and the
    /// suppressed cells of sites that hold one. A suppressed cell at a site with no held cell
    /// cannot be narrowed by this release's figures when the group has no earlier releases:
    /// each figure's range is the sum of its terms' ranges, where that site's terms are exactly
    /// what a reader already knows, so every point the baseline allows for that site, with
    /// the held cells at their true values, satisfies every new figure. With earlier releases
    /// in the group that argument fails, and every suppressed cell is attacked.
    private func targets(in group: Group) -> [Target] {
        let holding = Set(group.variables.compactMap { v in current[v].flatMap { $0.releasable ? nil : v.site } })
        return group.variables.sorted { ($0.site, $0.cell, $0.part.rawValue) < ($1.site, $1.cell, $1.part.rawValue) }.compactMap { variable in
            guard let cell = current[variable] else { return nil }
            let term = LedgerTerm(site: variable.site, cell: variable.cell, part: variable.part, vintage: cell.vintage)
            let magnitude = [.gbp, .gbpPerWeek, .days].contains(cell.cell.unit)
            if cell.cell.status == .suppressed {
                guard !group.ledger.isEmpty || holding.contains(variable.site) else { return nil }
                return Target(label: label(term), variable: variable, known: nil, magnitude: magnitude)
            }
            guard !cell.releasable, let known = CellKnowledge(cell.cell, policy: policy)?.parts[variable.part] else { return nil }
            return Target(label: label(term), variable: variable, known: known, magnitude: magnitude)
        }
    }

    /// The interval the policy requires an attacker's range to contain.
    private func required(_ known: Bounds, magnitude: Bool) -> Bounds {
        let upper = known.upper ?? known.lower
        if magnitude {
            return Bounds(lower: known.lower * (1 - policy.magnitudeProtectionRatio), upper: upper * (1 + policy.magnitudeProtectionRatio))
        }
        return Bounds(lower: max(0, known.lower - policy.protectionMargin), upper: upper + policy.protectionMargin)
    }

    private func covers(_ outer: Bounds, _ inner: Bounds) -> Bool {
        let tolerance = 1e-6 * max(1, abs(inner.lower), abs(inner.upper ?? 0))
        guard outer.lower <= inner.lower + tolerance else { return false }
        guard let outerUpper = outer.upper else { return true }
        guard let innerUpper = inner.upper else { return false }
        return outerUpper >= innerUpper - tolerance
    }

    /// Minimises and maximises each target given the group's ledger, the sites' current
    /// figures, their additivity and `figures`.
    private func attack(_ group: Group, figures: [LedgerEntry], targets: [Target]) throws -> [Bounds] {
        var knowledge = AttackerKnowledge()
        for variable in group.variables {
            guard let cell = current[variable] else { continue }
            let term = LedgerTerm(site: variable.site, cell: variable.cell, part: variable.part, vintage: cell.vintage)
            let raw: Bounds =
                cell.releasable ? (CellKnowledge(cell.cell, policy: policy)?.parts[variable.part] ?? CellKnowledge.unknown) : CellKnowledge.unknown
            knowledge.learn(label: label(term), lower: raw.lower, upper: raw.upper, isSuppressed: false)
        }
        for relation in group.relations {
            let terms = ([relation.parent] + relation.children).map {
                LedgerTerm(site: relation.site, cell: $0, part: .value, vintage: relation.vintage)
            }
            let indexes = terms.map { knowledge.learn(label: label($0), lower: 0, upper: nil, isSuppressed: false) }
            knowledge.learn(Relation(parent: indexes[0], children: Array(indexes.dropFirst())))
        }
        for (n, entry) in (group.ledger + figures).enumerated() { learn(entry, number: n, into: &knowledge) }
        let columns = targets.map { knowledge.learn(label: $0.label, lower: 0, upper: nil, isSuppressed: true) }
        let intervals = try Attacker.attack(knowledge, cells: columns)
        return intervals.map { Bounds(lower: $0.minimum, upper: $0.maximum) }
    }

    /// A figure as constraints: a site cell's own entry narrows its variable; a derived one
    /// is a new column F with the stated range and Σ⁺ terms = F + Σ⁻ terms.
    private func learn(_ entry: LedgerEntry, number: Int, into knowledge: inout AttackerKnowledge) {
        let columns = entry.terms.map { knowledge.learn(label: label($0), lower: 0, upper: nil, isSuppressed: false) }
        if entry.terms.count == 1, entry.terms[0].coefficient == 1 {
            knowledge.learn(label: label(entry.terms[0]), lower: entry.bounds.lower, upper: entry.bounds.upper, isSuppressed: false)
            return
        }
        let figure = knowledge.learn(
            label: "figure#\(number)|\(entry.release)|\(entry.figure)", lower: entry.bounds.lower, upper: entry.bounds.upper,
            isSuppressed: false)
        let plus = zip(entry.terms, columns).filter { $0.0.coefficient >= 0 }.map(\.1)
        let minus = zip(entry.terms, columns).filter { $0.0.coefficient < 0 }.map(\.1)
        if plus.count == 1 {
            knowledge.learn(Relation(parent: plus[0], children: [figure] + minus))
        } else {
            let sum = knowledge.learn(label: "sum#\(number)|\(entry.release)|\(entry.figure)", lower: 0, upper: nil, isSuppressed: false)
            knowledge.learn(Relation(parent: sum, children: plus))
            knowledge.learn(Relation(parent: sum, children: [figure] + minus))
        }
    }
}
