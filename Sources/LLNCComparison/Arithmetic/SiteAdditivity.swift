import LLNCCatalogue
import LLNCProtocol

/// Each site's breakdown additivity, from the catalogue's hierarchies: along one breakdown,
/// with the others held fixed, `Total` is the sum of its top-level categories and a group
/// the sum of its leaves. Only for counts (sums of children), and only within one submission
/// (cells of one vintage): a revision of some cells need not add up with older ones.
enum SiteAdditivity {
    /// `cells` are one site's current cells of one indicator, version, period and vintage.
    /// A child missing from the submission is taken as zero only when it is the breakdown's
    /// `otherwise` leaf (a node leaves that out when no row fell in it); any other gap drops
    /// the relation, so no relation is ever stated that the site's figures do not satisfy.
    static func relations(_ cells: [SiteCell], indicator: Indicator, breakdowns: [String: Breakdown]) -> [SiteRelation] {
        guard let first = cells.first, first.cell.unit == .count, !indicator.breakdowns.isEmpty,
            !cells.contains(where: { $0.cell.status == .perturbed })
        else { return [] }
        let dimensions = indicator.breakdowns
        guard let definitions = Optional(dimensions.compactMap { breakdowns[$0] }), definitions.count == dimensions.count else { return [] }
        func vector(_ cell: Cell) -> [String] { dimensions.map { cell.breakdown[$0] ?? "Total" } }
        var byVector: [[String]: SiteCell] = [:]
        for cell in cells { byVector[vector(cell.cell)] = cell }
        var relations: [SiteRelation] = []
        for (position, definition) in definitions.enumerated() {
            let hierarchy = definition.hierarchy
            for (vector, parent) in byVector {
                guard let children = hierarchy[vector[position]], !children.isEmpty else { continue }
                var keys: [String] = []
                var complete = true
                for child in children {
                    var childVector = vector
                    childVector[position] = child
                    if let cell = byVector[childVector] {
                        keys.append(cell.key)
                    } else if child != definition.otherwise {
                        complete = false
                        break
                    }
                }
                guard complete, !keys.isEmpty else { continue }
                relations.append(SiteRelation(site: parent.site, vintage: parent.vintage, parent: parent.key, children: keys))
            }
        }
        return relations.sorted { ($0.parent, $0.children.joined()) < ($1.parent, $1.children.joined()) }
    }
}
