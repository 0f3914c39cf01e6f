/// One way an indicator's cells are split, as cells name it: a breakdown, or for a flow
/// matrix the reserved `from_state` / `to_state`. The node's compiler, the catalogue's
/// validator and the hub's check of incoming cells all read an indicator's dimensions here,
/// so what a node can compute and what a hub accepts cannot drift apart.
public struct IndicatorDimension: Sendable, Hashable {
    public let name: String
    /// Parent → children, rooted at `Total`.
    public let hierarchy: [String: [String]]
    /// The catch-all leaf (a breakdown's `otherwise`); nil for states.
    public let otherwise: String?

    /// Every category a cell may name: `Total`, each group and each leaf.
    public var categories: Set<String> {
        Set(hierarchy.keys).union(hierarchy.values.joined())
    }

    /// The names reserved for a flow matrix's states at the start and the end of the period.
    public static let stateNames = ["from_state", "to_state"]

    /// A flow matrix's state hierarchy: `Total` → each state and `otherwise`; a state split by
    /// a breakdown → `state:leaf` for each of the breakdown's leaves.
    public static func stateHierarchy(states: [Definition.StateRule], otherwise: String, catalogue: Catalogue) -> [String: [String]] {
        var children: [String: [String]] = ["Total": states.map(\.name) + [otherwise]]
        for state in states {
            if let name = state.breakdown, let breakdown = catalogue.breakdown(name) {
                children[state.name] = breakdown.leaves.map { "\(state.name):\($0)" }
            }
        }
        return children
    }
}

extension Catalogue {
    /// `indicator`'s dimensions in output order: a flow matrix's two states first, then its
    /// breakdowns. A breakdown the catalogue does not declare is left out (the validator
    /// refuses such a catalogue at load).
    public func dimensions(of indicator: Indicator) -> [IndicatorDimension] {
        var dimensions: [IndicatorDimension] = []
        if case .transition(let states, let otherwise) = indicator.definition.population {
            let hierarchy = IndicatorDimension.stateHierarchy(states: states, otherwise: otherwise, catalogue: self)
            dimensions = IndicatorDimension.stateNames.map { IndicatorDimension(name: $0, hierarchy: hierarchy, otherwise: nil) }
        }
        for name in indicator.breakdowns {
            guard let breakdown = breakdown(name) else { continue }
            dimensions.append(IndicatorDimension(name: breakdown.name, hierarchy: breakdown.hierarchy, otherwise: breakdown.otherwise))
        }
        return dimensions
    }
}
