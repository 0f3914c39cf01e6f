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
        for label in plus { guard let v = value(label) else { return nil }; sum += v }
        for label in minus { guard let v = value(label) else { return nil }; sum -= v }
        return abs(sum) < 1e-6
    }
}

extension AttackerKnowledge {
    /// Adds an identity over cells already learnt, as additivity relations (with one
    /// auxiliary cell for the common sum when both sides have several terms). Returns false,
    /// adding nothing, when a cell it names is not known.
    @discardableResult
    public mutating func learn(_ identity: Identity) -> Bool {
        let plus = identity.plus.compactMap(index(of:)), minus = identity.minus.compactMap(index(of:))
        guard plus.count == identity.plus.count, minus.count == identity.minus.count, !plus.isEmpty, !minus.isEmpty else { return false }
        if plus.count == 1 {
            learn(Relation(parent: plus[0], children: minus))
        } else if minus.count == 1 {
            learn(Relation(parent: minus[0], children: plus))
        } else {
            let sum = learn(label: "identity: \(identity.name)", lower: 0, upper: nil, isSuppressed: false)
            learn(Relation(parent: sum, children: plus))
            learn(Relation(parent: sum, children: minus))
        }
        return true
    }
}
