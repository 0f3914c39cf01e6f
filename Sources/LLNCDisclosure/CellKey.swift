/// Names one cell: one value per dimension, in the table's dimension order.
public struct CellKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var values: [String]

    public init(_ values: [String]) { self.values = values }
    public init(_ values: String...) { self.values = values }

    public var description: String { "(" + values.joined(separator: ", ") + ")" }

    public static func < (lhs: CellKey, rhs: CellKey) -> Bool {
        lhs.values.lexicographicallyPrecedes(rhs.values)
    }
}

/// The largest contributions to a magnitude cell (money, hours), which dominance rules need:
/// a total of £10,000 is disclosive if one provider contributed £9,500 of it.
public struct Contributors: Sendable, Hashable {
    /// How many units (providers, placements) contributed.
    public var count: Int
    /// The largest contributions, largest first; at least two when `count` ≥ 2.
    public var largest: [Double]

    public init(count: Int, largest: [Double]) {
        self.count = count
        self.largest = largest.sorted(by: >)
    }
}

/// A percentage or rate the publisher wants to show beside the counts. Published only when
/// its numerator and the rest of its denominator are both large enough, and then a linear
/// constraint an attacker can use, so the audit includes it.
public struct PercentageDefinition: Sendable, Hashable {
    public var name: String
    public var numerator: CellKey
    public var denominator: CellKey

    public init(name: String, numerator: CellKey, denominator: CellKey) {
        self.name = name
        self.numerator = numerator
        self.denominator = denominator
    }
}
