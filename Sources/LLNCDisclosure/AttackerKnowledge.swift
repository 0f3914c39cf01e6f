/// What a reader of one or more published tables knows, as linear constraints: each cell's
/// possible values (a point if published exactly, the rounding interval if rounded, only
/// "≥ 0" if suppressed), every additivity relation of every table, and every published
/// percentage as a ratio band. Cells of different tables that name the same thing share one
/// entry (by `label`), which is how tables, periods and breakdowns link up in an attack.
public struct AttackerKnowledge: Sendable {
    public struct Cell: Sendable, Hashable {
        public var label: String
        /// Lowest value consistent with what was published (0 for a suppressed count).
        public var lower: Double
        /// Highest value consistent with what was published; nil when unbounded.
        public var upper: Double?
        public var isSuppressed: Bool
        /// A count: only whole values are possible, which the exact (integer) attack uses.
        public var isInteger: Bool = false
    }

    /// `lowerFraction × denominator ≤ numerator ≤ upperFraction × denominator`, from a
    /// published percentage and its rounding.
    public struct Ratio: Sendable, Hashable {
        public var numerator: Int
        public var denominator: Int
        public var lowerFraction: Double
        public var upperFraction: Double
    }

    public private(set) var cells: [Cell] = []
    public private(set) var relations: [Relation] = []
    public private(set) var ratios: [Ratio] = []
    private var indexOfLabel: [String: Int] = [:]

    public init() {}

    /// Adds what is known about a cell, or narrows it when another table already published
    /// the same cell (an attacker takes the intersection). Returns the cell's index.
    @discardableResult
    public mutating func learn(label: String, lower: Double, upper: Double?, isSuppressed: Bool, isInteger: Bool = false) -> Int {
        if let index = indexOfLabel[label] {
            var cell = cells[index]
            cell.lower = max(cell.lower, lower)
            if let upper { cell.upper = min(cell.upper ?? upper, upper) }
            cell.isSuppressed = cell.isSuppressed && isSuppressed
            cell.isInteger = cell.isInteger || isInteger
            cells[index] = cell
            return index
        }
        indexOfLabel[label] = cells.count
        cells.append(Cell(label: label, lower: lower, upper: upper, isSuppressed: isSuppressed, isInteger: isInteger))
        return cells.count - 1
    }

    public func index(of label: String) -> Int? { indexOfLabel[label] }

    public mutating func learn(_ relation: Relation) { relations.append(relation) }

    public mutating func learn(_ ratio: Ratio) { ratios.append(ratio) }

    /// True when `point` (one value per cell) is consistent with everything known, within a
    /// tolerance far below one count: such a point is a table the attacker cannot rule out.
    func admits(_ point: [Double]) -> Bool {
        guard point.count == cells.count else { return false }
        func tolerance(_ scale: Double) -> Double { 1e-7 * Swift.max(1, abs(scale)) }
        for (cell, value) in zip(cells, point) {
            if value < cell.lower - tolerance(cell.lower) { return false }
            if let upper = cell.upper, value > upper + tolerance(upper) { return false }
        }
        for relation in relations {
            let parent = point[relation.parent]
            let sum = relation.children.reduce(0) { $0 + point[$1] }
            if abs(parent - sum) > tolerance(parent) { return false }
        }
        for ratio in ratios {
            let n = point[ratio.numerator]
            let d = point[ratio.denominator]
            if n < ratio.lowerFraction * d - tolerance(n) || n > ratio.upperFraction * d + tolerance(n) { return false }
        }
        return true
    }
}
