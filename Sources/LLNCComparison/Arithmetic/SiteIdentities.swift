import LLNCCatalogue
import LLNCDisclosure
import LLNCProtocol

/// The catalogue's identities (`Identity`) as relations between one site's cells, so the
/// release re-check's attacker knows them: the flow matrix's destination is the stock, the
/// stock now plus endings is last year's stock plus starts. A two-sided sum gets an auxiliary
/// cell (`identity:` key) for the common total. An identity is stated for a site only where
/// its published figures allow it (each side's range overlaps the other's): the hub cannot see
/// the true values the node checked it against, and one the figures contradict tells a reader
/// nothing exact.
enum SiteIdentities {
    /// `cells`: one site's current cells (every period). `indicators`: by id.
    static func relations(_ cells: [SiteCell], identities: [LLNCCatalogue.Identity], indicators: [String: Indicator], policy: LLNCDisclosure.Policy)
        -> [SiteRelation]
    {
        guard let site = cells.first?.site, !identities.isEmpty else { return [] }
        var byIndicatorPeriod: [String: [SiteCell]] = [:]
        for cell in cells { byIndicatorPeriod["\(cell.cell.indicator)|\(cell.cell.period)", default: []].append(cell) }
        let periods = Set(cells.map(\.cell.period)).sorted()
        var relations: [SiteRelation] = []
        for identity in identities {
            guard let first = identity.left.first, let firstIndicator = indicators[first.indicator] else { continue }
            for period in periods {
                guard let here = ReportingPeriod(period, type: firstIndicator.period) else { continue }
                func cellsOf(_ term: LLNCCatalogue.Identity.Term) -> [SiteCell] {
                    byIndicatorPeriod["\(term.indicator)|\(term.previousPeriod ? here.previous.label : period)"] ?? []
                }
                func matching(_ term: LLNCCatalogue.Identity.Term, binding: String) -> SiteCell? {
                    cellsOf(term).first { LLNCCatalogue.Identity.binding(of: term, cell: $0.cell.breakdown) == binding }
                }
                var bindings = [""]
                if identity.variable != nil {
                    bindings = Set(
                        cellsOf(first).compactMap { LLNCCatalogue.Identity.binding(of: first, cell: $0.cell.breakdown) }.filter { !$0.isEmpty }
                    ).sorted()
                }
                for binding in bindings {
                    let left = identity.left.map { matching($0, binding: binding) }
                    let right = identity.right.map { matching($0, binding: binding) }
                    guard left.allSatisfy({ $0 != nil }), right.allSatisfy({ $0 != nil }) else { continue }
                    let l = left.map { $0! }
                    let r = right.map { $0! }
                    guard Self.consistent(l, r, policy: policy) else { continue }
                    let name = "\(identity.name)|\(period)" + (binding.isEmpty ? "" : "|\(binding)")
                    let vintage = (l + r).map(\.vintage).max() ?? 0
                    for relation in LLNCDisclosure.Identity.relations(plus: l.map(\.key), minus: r.map(\.key), auxiliary: { "identity:\(name)" }) {
                        relations.append(
                            SiteRelation(site: site, vintage: vintage, parent: relation.parent, children: relation.children, identity: name))
                    }
                }
            }
        }
        return relations
    }

    /// Whether both sides' published ranges overlap (suppressed cells are 0 and up).
    static func consistent(_ left: [SiteCell], _ right: [SiteCell], policy: LLNCDisclosure.Policy) -> Bool {
        func range(_ cells: [SiteCell]) -> Bounds {
            var bounds = Bounds(lower: 0, upper: 0)
            for cell in cells {
                let b = CellKnowledge(cell.cell, policy: policy)?.parts[.value] ?? CellKnowledge.unknown
                bounds.lower += b.lower
                bounds.upper = bounds.upper.flatMap { u in b.upper.map { u + $0 } }
            }
            return bounds
        }
        return ReleaseAttack.overlap(range(left), range(right))
    }
}
