import Foundation

extension Attacker {
    /// What the integer attack learnt about one target whose linear interval already met its
    /// requirement.
    enum IntegerVerdict: Equatable {
        /// Whole-valued tables consistent with the publication reach both ends of the
        /// requirement: protected against an attacker who knows counts are whole numbers.
        case reached
        /// No whole-valued table reaches one end: the attacker's true interval, with the
        /// integer optimum on each side that fails (the other side keeps its linear value).
        case narrowed(minimum: Double?, maximum: Double?)
        /// The time budget ran out before the cell could be decided.
        case outOfTime
    }

    /// The exact attack on counts. The linear audit relaxes "a count is a whole number", so an
    /// attacker with an integer solver (branch and bound) can narrow a cell further than the
    /// audit sees: the feasible tables with whole values may all lie inside the protection
    /// interval while fractional ones reach it. For each target (an integer cell), this asks
    /// GLPK for a whole-valued table with the cell at or beyond each end of its requirement.
    ///
    /// Cheap where it can be: `witnesses` (feasible points from the linear audit) that are
    /// whole-valued already prove an end, and every whole-valued table found proves ends for
    /// the targets after it, so most cells of an additive table need no search at all. Only
    /// the rest cost a branch-and-bound each, within `seconds` for the whole call; a cell
    /// reached after that is `outOfTime` and keeps its linear verdict.
    static func integerCheck(
        _ knowledge: AttackerKnowledge, targets: [(cell: Int, lower: Double, upper: Double)], witnesses: [[Double]], seconds: Double
    ) throws -> (verdicts: [IntegerVerdict], points: [[Double]]) {
        let integerColumns = knowledge.cells.indices.filter { knowledge.cells[$0].isInteger }
        guard !targets.isEmpty, !integerColumns.isEmpty, seconds > 0 else {
            return (targets.map { _ in seconds > 0 ? .reached : .outOfTime }, [])
        }
        func isWhole(_ point: [Double]) -> Bool {
            integerColumns.allSatisfy { abs(point[$0] - point[$0].rounded()) <= 1e-6 }
        }
        var found = witnesses.filter { isWhole($0) && knowledge.admits($0) }
        var newPoints: [[Double]] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        var program: LinearProgram?
        func integerProgram() -> LinearProgram {
            if let program { return program }
            let made = makeProgram(knowledge)
            for column in integerColumns { made.setInteger(column) }
            program = made
            return made
        }
        func remainingMilliseconds() -> Int? {
            let left = deadline - clock.now
            guard left > .zero else { return nil }
            return Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
        }
        /// Whether a whole-valued table has the cell at or below `bound` (`down`) or at or above
        /// it; nil when the budget ran out first.
        func reaches(_ cell: Int, _ bound: Double, down: Bool) throws -> Bool? {
            if found.contains(where: { down ? $0[cell] <= bound + 1e-6 : $0[cell] >= bound - 1e-6 }) { return true }
            guard let milliseconds = remainingMilliseconds() else { return nil }
            let program = integerProgram()
            let own = knowledge.cells[cell]
            if down ? bound.rounded(.down) < own.lower - 1e-9 : (own.upper.map { $0 < bound.rounded(.up) - 1e-9 } ?? false) {
                return false
            }
            if down {
                program.setColumn(cell, lower: own.lower, upper: min(own.upper ?? .infinity, bound.rounded(.down)))
            } else {
                program.setColumn(cell, lower: max(own.lower, bound.rounded(.up)), upper: own.upper)
            }
            program.setCost(cell, 1)
            defer {
                program.setColumn(cell, lower: own.lower, upper: own.upper)
                program.setCost(cell, 0)
            }
            switch try program.solveInteger(milliseconds: milliseconds, stage: "the integer attack") {
            case .optimal(_, let point), .feasible(let point):
                found.append(point)
                newPoints.append(point)
                return true
            case .infeasible: return false
            case .unbounded, .timedOut: return nil
            }
        }
        /// The integer optimum of the cell (minimum or maximum), for a side that failed;
        /// `fallback` (one step inside the requirement, which the failure proves) when the
        /// search cannot finish.
        func optimum(_ cell: Int, maximize: Bool, fallback: Double) throws -> Double {
            guard let milliseconds = remainingMilliseconds() else { return fallback }
            let program = integerProgram()
            program.setCost(cell, 1)
            defer { program.setCost(cell, 0) }
            if case .optimal(let value, _) = try program.solveInteger(maximize: maximize, milliseconds: milliseconds, stage: "the integer attack") {
                return value
            }
            return fallback
        }
        var verdicts: [IntegerVerdict] = []
        verdicts.reserveCapacity(targets.count)
        for target in targets {
            guard knowledge.cells[target.cell].isInteger else {
                verdicts.append(.reached)
                continue
            }
            let down = try reaches(target.cell, target.lower, down: true)
            let up = try reaches(target.cell, target.upper, down: false)
            switch (down, up) {
            case (true, true): verdicts.append(.reached)
            case (false, _), (_, false):
                let minimum = down == false ? try optimum(target.cell, maximize: false, fallback: target.lower.rounded(.down) + 1) : nil
                let maximum = up == false ? try optimum(target.cell, maximize: true, fallback: target.upper.rounded(.up) - 1) : nil
                verdicts.append(.narrowed(minimum: minimum, maximum: maximum))
            default: verdicts.append(.outOfTime)
            }
        }
        return (verdicts, newPoints)
    }
}
