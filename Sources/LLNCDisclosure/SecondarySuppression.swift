/// Chooses secondary suppressions so that no primary cell can be narrowed below its
/// protection interval, over the whole table at once (every dimension, every hierarchy level,
/// rounding intervals and published percentages).
///
/// Method (after Fischetti and Salazar's protection LPs, solved one cell and direction at a
/// time): to protect cell i upwards by u, find the cheapest change δ to the table with
/// δᵢ = u that keeps every relation and percentage band true, moves published cells only
/// within their rounding interval unless they are suppressed, and keeps every cell ≥ 0.
/// Every published cell that the cheapest δ has to move beyond its rounding interval is then
/// suppressed. After that, x + δ is a table the attacker cannot rule out, so cell i's
/// interval reaches x + u: the cell is protected by construction, and cells already
/// suppressed cost nothing to reuse, which keeps the pattern small. Moving a cell costs
/// `fixedCost` + its value per unit: the value term prefers small cells and spares margins,
/// the fixed term prefers fewer cells (one suppression weighs like a count of 10).
///
/// One LP is built per run and re-solved per cell with changed bounds (a warm start from the
/// previous basis); the audit afterwards checks the result independently.
///
/// A need marked `integer` (the integer attack narrowed the cell though the linear one did
/// not) is solved with δ whole on every whole-valued cell, by branch and bound: x + δ is then
/// a table of whole counts the attacker cannot rule out, so the integer attack reaches it too.
/// When no whole δ is found in time, the linear δ is used and the audit decides again.
struct SecondarySuppression {
    struct Need {
        var cell: Int
        var up: Double
        var down: Double
        var integer: Bool = false
    }

    static let fixedCost = 10.0

    private let values: [Double]
    private let published: [(lower: Double, upper: Double)?]
    private let program: LinearProgram
    private let relationCount: Int
    private let ratios: [AttackerKnowledge.Ratio]
    private(set) var suppressed: [Bool]
    /// Whether each percentage band is still a constraint (its cells published and nothing
    /// forced it to be withheld).
    private(set) var ratioActive: [Bool]

    /// Cells already published (an earlier period's): they can move only within what was
    /// published, and are never chosen for suppression, since what is out cannot be withdrawn.
    private let frozen: [Bool]
    /// Milliseconds left for whole-valued δ over the whole run (the policy's integer attack
    /// time); once spent, integer needs get the linear δ.
    private var integerMilliseconds: Int

    /// `published[j]` is the interval a reader learns for cell j (nil if suppressed).
    init(
        values: [Double], published: [(lower: Double, upper: Double)?], relations: [Relation], ratios: [AttackerKnowledge.Ratio],
        frozen: [Bool]? = nil, integerSeconds: Double = Policy.default.integerAttackSeconds
    ) {
        self.values = values
        self.integerMilliseconds = Int(integerSeconds * 1000)
        self.published = published
        self.frozen = frozen ?? [Bool](repeating: false, count: values.count)
        self.relationCount = relations.count
        self.ratios = ratios
        self.suppressed = published.map { $0 == nil }
        self.ratioActive = ratios.map { published[$0.numerator] != nil && published[$0.denominator] != nil }
        var entries: [(row: Int, column: Int, value: Double)] = []
        entries.reserveCapacity(relations.reduce(0) { $0 + 3 * ($1.children.count + 1) })
        func delta(_ row: Int, _ cell: Int, _ sign: Double) {
            entries.append((row, 3 * cell, sign))
            entries.append((row, 3 * cell + 1, sign))
            entries.append((row, 3 * cell + 2, -sign))
        }
        for (row, relation) in relations.enumerated() {
            delta(row, relation.parent, 1)
            for child in relation.children { delta(row, child, -1) }
        }
        for (k, ratio) in ratios.enumerated() {
            delta(relations.count + 2 * k, ratio.numerator, 1)
            delta(relations.count + 2 * k, ratio.denominator, -ratio.lowerFraction)
            delta(relations.count + 2 * k + 1, ratio.numerator, 1)
            delta(relations.count + 2 * k + 1, ratio.denominator, -ratio.upperFraction)
        }
        program = LinearProgram(rows: relations.count + 2 * ratios.count, columns: 3 * values.count, entries: entries)
        for (k, ratio) in ratios.enumerated() { setRatioRows(k, ratio, active: ratioActive[k]) }
        for cell in values.indices {
            release(cell)
            // Only `solveInteger` reads the kind; the simplex solves ignore it.
            if values[cell] == values[cell].rounded() {
                for column in 3 * cell...3 * cell + 2 { program.setInteger(column) }
            }
        }
    }

    /// Adds the suppressions that protect each cell of `needs`, in order, and returns them.
    /// Cells protected as a side effect of an earlier cell's δ are not solved again.
    mutating func protect(_ needs: [Need]) throws -> [Int] {
        var added: [Int] = []
        var upDone = Set<Int>()
        var downDone = Set<Int>()
        let needOf = Dictionary(needs.map { ($0.cell, $0) }, uniquingKeysWith: { a, _ in a })
        for need in needs {
            for goingUp in [true, false] {
                let amount = goingUp ? need.up : need.down
                guard amount > 0, !(goingUp ? upDone : downDone).contains(need.cell) else { continue }
                let delta = try cheapestChange(cell: need.cell, by: goingUp ? amount : -amount, integer: need.integer)
                for (cell, change, beyondSlack) in delta {
                    if let bounds = published[cell], !suppressed[cell] {
                        let moved = values[cell] + change
                        if moved < bounds.lower - 1e-7 || moved > bounds.upper + 1e-7 || beyondSlack {
                            suppress(cell)
                            added.append(cell)
                        }
                    }
                    if let other = needOf[cell] {
                        if change >= other.up - 1e-7 { upDone.insert(cell) }
                        if change <= -other.down + 1e-7 { downDone.insert(cell) }
                    }
                }
            }
        }
        return added
    }

    /// Solves for δ with δ[cell] fixed; returns the non-zero entries, each with whether the
    /// cell moved beyond its rounding interval.
    private mutating func cheapestChange(cell: Int, by amount: Double, integer: Bool) throws -> [(
        cell: Int, change: Double, beyondSlack: Bool
    )] {
        func entries(_ column: (Int) -> Double) -> [(cell: Int, change: Double, beyondSlack: Bool)] {
            values.indices.compactMap { j in
                let change = column(3 * j) + column(3 * j + 1) - column(3 * j + 2)
                let excess = column(3 * j + 1) + column(3 * j + 2)
                return abs(change) > 1e-9 || excess > 1e-9 ? (j, change, excess > 1e-7) : nil
            }
        }
        let whole = integer && values[cell] == values[cell].rounded() && integerMilliseconds > 0
        let amount = whole ? (amount > 0 ? amount.rounded(.up) : amount.rounded(.down)) : amount
        let margin = whole ? 0 : 1e-5
        program.setColumn(3 * cell, lower: 0, upper: 0)
        program.setColumn(3 * cell + 1, lower: amount > 0 ? amount + margin : 0, upper: amount > 0 ? amount + margin : 0)
        program.setColumn(3 * cell + 2, lower: amount < 0 ? -amount : 0, upper: amount < 0 ? -amount : 0)
        defer { release(cell) }
        if whole {
            let clock = ContinuousClock()
            let started = clock.now
            let outcome = try program.solveInteger(milliseconds: integerMilliseconds, stage: "secondary suppression (whole counts)")
            let spent = clock.now - started
            integerMilliseconds -= Int(spent.components.seconds * 1000 + spent.components.attoseconds / 1_000_000_000_000_000)
            switch outcome {
            case .optimal(_, let point), .feasible(let point): return entries { point[$0] }
            case .infeasible, .unbounded, .timedOut: break
            }
        }
        var outcome = try program.solve(stage: "secondary suppression")
        if outcome == .infeasible, ratioActive.contains(true) {
            // Percentage bands can make the table rigid; withholding every percentage is always
            // safe, so do that rather than fail.
            for k in ratios.indices where ratioActive[k] {
                ratioActive[k] = false
                setRatioRows(k, ratios[k], active: false)
            }
            outcome = try program.solve(stage: "secondary suppression")
        }
        guard case .optimal = outcome else {
            throw DisclosureError.solverFailed(stage: "secondary suppression (no protecting change exists)", code: -1)
        }
        return entries { program.value(ofColumn: $0) }
    }

    private mutating func suppress(_ cell: Int) {
        suppressed[cell] = true
        release(cell)
        for (k, ratio) in ratios.enumerated() where ratioActive[k] && (ratio.numerator == cell || ratio.denominator == cell) {
            ratioActive[k] = false
            setRatioRows(k, ratio, active: false)
        }
    }

    /// Bounds of a cell's three columns (slack within its rounding interval, excess up,
    /// excess down) when it is not the cell being protected.
    private func release(_ cell: Int) {
        let x = values[cell]
        if !suppressed[cell], let bounds = published[cell] {
            program.setColumn(3 * cell, lower: bounds.lower - x, upper: bounds.upper - x)
            program.setColumn(3 * cell + 1, lower: 0, upper: frozen[cell] ? 0 : nil)
            program.setColumn(3 * cell + 2, lower: 0, upper: frozen[cell] ? 0 : bounds.lower)
            program.setCost(3 * cell + 1, Self.fixedCost + x)
            program.setCost(3 * cell + 2, Self.fixedCost + x)
        } else {
            program.setColumn(3 * cell, lower: 0, upper: 0)
            program.setColumn(3 * cell + 1, lower: 0, upper: nil)
            program.setColumn(3 * cell + 2, lower: 0, upper: x)
            program.setCost(3 * cell + 1, 0)
            program.setCost(3 * cell + 2, 0)
        }
    }

    /// In δ terms: lower × (x_d + δ_d) ≤ x_n + δ_n ≤ upper × (x_d + δ_d).
    private func setRatioRows(_ k: Int, _ ratio: AttackerKnowledge.Ratio, active: Bool) {
        let row = relationCount + 2 * k
        guard active else {
            program.setRow(row, lower: nil, upper: nil)
            program.setRow(row + 1, lower: nil, upper: nil)
            return
        }
        let n = values[ratio.numerator]
        let d = values[ratio.denominator]
        program.setRow(row, lower: ratio.lowerFraction * d - n, upper: nil)
        program.setRow(row + 1, lower: nil, upper: ratio.upperFraction * d - n)
    }
}
