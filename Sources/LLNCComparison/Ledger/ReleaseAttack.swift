import LLNCDisclosure
import LLNCProtocol

/// The attacker's model behind `ReleaseCheck`: which cells are one variable, what a reader
/// knows of each, and the LP attacks that decide which derived figures may go out.
struct ReleaseAttack {
    /// One part of one site cell, across vintages.
    struct Variable: Hashable {
        var site: String
        var cell: String
        var part: LedgerTerm.Part
    }

    /// What must stay protected: a cell the site suppressed (its value unknown to the hub)
    /// or one the hub holds without releasing (`known`: its value as the hub knows it).
    struct Target {
        var label: String
        var variable: Variable
        var known: Bounds?
        var magnitude: Bool
    }

    /// Figures, ledger entries and relations that share cells with each other.
    struct Group {
        var figures: [LedgerEntry] = []
        var ledger: [LedgerEntry] = []
        var relations: [SiteRelation] = []
        var variables: Set<Variable> = []
    }

    let ledger: [LedgerEntry]
    let proposed: ProposedRelease
    let policy: Policy
    /// The current cell behind each variable.
    private(set) var current: [Variable: SiteCell] = [:]
    /// What a reader of this release knows of each current variable, narrowed by additivity.
    private(set) var publicBounds: [Variable: Bounds] = [:]
    /// Variables whose vintages the attacker must keep apart (the value changed).
    private(set) var split: Set<Variable> = []
    /// Set when assuming unchanged revisions made the published figures contradict each other.
    var splitEverything = false

    init(ledger: [LedgerEntry], proposed: ProposedRelease, policy: Policy) {
        self.ledger = ledger
        self.proposed = proposed
        self.policy = policy
        var hubKnown: [Variable: [(vintage: UInt64, bounds: Bounds)]] = [:]
        var raw: [Variable: Bounds] = [:]
        for siteCell in proposed.siteCells {
            guard let knowledge = CellKnowledge(siteCell.cell, policy: policy) else { continue }
            for (part, bounds) in knowledge.parts {
                let variable = Variable(site: siteCell.site, cell: siteCell.key, part: part)
                current[variable] = siteCell
                raw[variable] = siteCell.releasable ? bounds : CellKnowledge.unknown
                hubKnown[variable, default: []].append((siteCell.vintage, bounds))
                if siteCell.valueChanged { split.insert(variable) }
            }
        }
        for entry in ledger where entry.kind == .siteCell && entry.terms.count == 1 {
            let term = entry.terms[0]
            let variable = Variable(site: term.site, cell: term.cell, part: term.part)
            if current[variable] != nil { hubKnown[variable, default: []].append((term.vintage, entry.bounds)) }
        }
        for (variable, known) in hubKnown where !split.contains(variable) {
            for a in known { for b in known where a.vintage != b.vintage && !Self.overlap(a.bounds, b.bounds) { split.insert(variable) } }
        }
        publicBounds = Self.tightened(raw, relations: proposed.relations, current: current)
    }

    static func overlap(_ a: Bounds, _ b: Bounds) -> Bool {
        a.lower <= (b.upper ?? .infinity) + 1e-9 && b.lower <= (a.upper ?? .infinity) + 1e-9
    }

    /// Additivity narrows what a reader knows; a site whose figures do not add up (perturbed
    /// ones, say) is left as published rather than narrowed to a contradiction.
    static func tightened(_ raw: [Variable: Bounds], relations: [SiteRelation], current: [Variable: SiteCell]) -> [Variable: Bounds] {
        var bySite: [String: [(parent: Variable, children: [Variable])]] = [:]
        for relation in relations {
            let parent = Variable(site: relation.site, cell: relation.parent, part: .value)
            let children = relation.children.map { Variable(site: relation.site, cell: $0, part: .value) }
            guard ([parent] + children).allSatisfy({ current[$0]?.vintage == relation.vintage }) else { continue }
            bySite[relation.site, default: []].append((parent, children))
        }
        var result = raw
        for (_, relations) in bySite {
            let keys = Set(relations.flatMap { [$0.parent] + $0.children })
            var local: [Variable: Bounds] = [:]
            for key in keys { local[key] = raw[key] }
            BoundsPropagation.tighten(&local, relations: relations)
            guard local.values.allSatisfy({ $0.lower <= ($0.upper ?? .infinity) + 1e-9 }) else { continue }
            for (key, bounds) in local { result[key] = bounds }
        }
        return result
    }

    /// The LP column name of a term: one variable across vintages unless kept apart.
    func label(_ term: LedgerTerm) -> String {
        let base = "\(term.site)|\(term.cell)|\(term.part.rawValue)"
        let variable = Variable(site: term.site, cell: term.cell, part: term.part)
        return splitEverything || split.contains(variable) ? base + "@\(term.vintage)" : base
    }

    /// True when the figure's stated range already follows from what the sites published
    /// in this release: then it tells a reader nothing new.
    func isImplied(_ figure: LedgerEntry) -> Bool {
        var lower = 0.0
        var upper: Double? = 0
        for term in figure.terms {
            let variable = Variable(site: term.site, cell: term.cell, part: term.part)
            guard let cell = current[variable], cell.vintage == term.vintage, let bounds = publicBounds[variable] else { return false }
            if term.coefficient >= 0 {
                lower += bounds.lower
                upper = upper.flatMap { u in bounds.upper.map { u + $0 } }
            } else {
                guard let u = bounds.upper else { return false }
                lower -= u
                upper = upper.map { $0 - bounds.lower }
            }
        }
        let tolerance = 1e-6 * max(1, abs(lower))
        guard figure.bounds.lower <= lower + tolerance else { return false }
        guard let stated = figure.bounds.upper else { return true }
        guard let upper else { return false }
        return stated >= upper - tolerance
    }
}
