/// A definitional identity between cells of tables published together: the cells in `plus`
/// sum to the cells in `minus`, by label (`Table.label`). Two tables that count the same
/// children under different breakdowns give `a = b` (plus `[a]`, minus `[b]`); a stock and
/// its flows give `now + ceased = before + started`. A reader who knows the definitions
/// knows these, so protection and audit must too.
public struct Identity: Sendable, Hashable, CustomStringConvertible {
    /// Names the identity in reviews and errors (from the catalogue, with the cell it binds).
    public var name: String
    public var plus: [String]
    public var minus: [String]

    public init(name: String, plus: [String], minus: [String]) {
        self.name = name
        self.plus = plus
        self.minus = minus
    }

    public var description: String { name }

    /// Whether the identity holds for the true values (`value(label)`, nil when a label is in
    /// none of the tables). Nil when it does not apply here: a cell it names is not published.
    func holds(_ value: (String) -> Double?) -> Bool? {
        var sum = 0.0
        for label in plus {
            guard let v = value(label) else { return nil }
            sum += v
        }
        for label in minus {
            guard let v = value(label) else { return nil }
            sum -= v
        }
        return abs(sum) < 1e-6
    }
}

extension Identity {
    /// Σ plus = Σ minus as parent = Σ children relations, over any cell names: `plus[0] =
    /// Σ minus` (or the other way round) when one side has one term, else `sum = Σ plus` and
    /// `sum = Σ minus` over an auxiliary cell that `auxiliary()` adds and returns. The node's
    /// protection, its audit and the hub's re-check all state identities this way.
    public static func relations<Cell>(plus: [Cell], minus: [Cell], auxiliary: () -> Cell) -> [(parent: Cell, children: [Cell])] {
        if plus.count == 1 { return [(plus[0], minus)] }
        if minus.count == 1 { return [(minus[0], plus)] }
        let sum = auxiliary()
        return [(sum, plus), (sum, minus)]
    }

    /// The same over attacked-cell indexes, as the library's relations.
    static func indexRelations(plus: [Int], minus: [Int], auxiliary: () -> Int) -> [Relation] {
        relations(plus: plus, minus: minus, auxiliary: auxiliary).map { Relation(parent: $0.parent, children: $0.children) }
    }
}

extension AttackerKnowledge {
    /// Adds an identity over cells already learnt, as additivity relations (with one
    /// auxiliary cell for the common sum when both sides have several terms). Returns false,
    /// adding nothing, when a cell it names is not known.
    @discardableResult
    public mutating func learn(_ identity: Identity) -> Bool {
        let plus = identity.plus.compactMap(index(of:))
        let minus = identity.minus.compactMap(index(of:))
        guard plus.count == identity.plus.count, minus.count == identity.minus.count, !plus.isEmpty, !minus.isEmpty else { return false }
        for relation in Identity.indexRelations(
            plus: plus, minus: minus,
            auxiliary: {
                learn(label: "identity: \(identity.name)", lower: 0, upper: nil, isSuppressed: false)
            })
        { learn(relation) }
        return true
    }
}
