extension Attacker {
    /// What the attacker can at least not rule out for one cell: every value in
    /// [minimum, maximum] is consistent with the publication (each end is the value of the cell
    /// in a feasible point the solver found). When `isExact`, the ends are the attacker's true
    /// optimum; otherwise the true interval may be wider still, never narrower.
    struct Certificate {
        var cell: Int
        var minimum: Double
        var maximum: Double?
        var isExact: Bool
    }

    /// Proves, for each target, that the attacker's interval reaches `lower` and `upper`, with
    /// far fewer solves than attacking each cell twice: first maximise (then minimise) the sum
    /// of all targets not yet proven, keeping every cell's value in each optimal point as a
    /// witness, until that stops helping; then attack the remaining cells one by one, exactly.
    /// A target that fails is always one that was attacked exactly, so a failure is real.
    /// `seeds` are points from an earlier certification of the same cells; the returned points
    /// can seed the next one.
    static func certify(
        _ knowledge: AttackerKnowledge, targets: [(cell: Int, lower: Double, upper: Double)], seeds: [[Double]] = []
    ) throws -> (certificates: [Certificate], points: [[Double]]) {
        guard !targets.isEmpty else { return ([], []) }
        let program = makeProgram(knowledge)
        var minimum = [Double](repeating: .infinity, count: targets.count)
        var maximum = [Double?](repeating: -.infinity, count: targets.count)
        var exactMinimum = [Bool](repeating: false, count: targets.count)
        var exactMaximum = [Bool](repeating: false, count: targets.count)
        func record(_ point: [Double]? = nil) {
            for (t, target) in targets.enumerated() {
                let value = point?[target.cell] ?? program.value(ofColumn: target.cell)
                minimum[t] = Swift.min(minimum[t], value)
                if let best = maximum[t] { maximum[t] = Swift.max(best, value) }
            }
        }
        var points: [[Double]] = []
        // Points found against an earlier, stricter publication of the same cells (fewer
        // suppressions, more percentages) stay witnesses if they satisfy this one: re-check
        // each against every constraint before trusting it.
        for point in seeds where knowledge.admits(point) { record(point) }
        func provenUp(_ t: Int) -> Bool { maximum[t].map { $0 >= targets[t].upper - 1e-6 } ?? true }
        func provenDown(_ t: Int) -> Bool { minimum[t] <= targets[t].lower + 1e-6 }

        guard case .optimal = try program.solve(primal: true, stage: "the audit (feasibility)") else {
            throw DisclosureError.solverFailed(stage: "the audit: published values are inconsistent", code: -1)
        }
        record()
        for goingUp in [true, false] {
            let proven = goingUp ? provenUp : provenDown
            var pending = targets.indices.filter { !proven($0) }
            while pending.count > 1 {
                for t in pending { program.setCost(targets[t].cell, 1) }
                let outcome = try program.solve(maximize: goingUp, primal: true, stage: "the audit (aggregate)")
                for t in pending { program.setCost(targets[t].cell, 0) }
                guard case .optimal = outcome else { break }
                record()
                points.append(program.columnValues())
                let still = pending.filter { !proven($0) }
                if still.count == pending.count { break }
                pending = still
            }
            for t in pending where !proven(t) {
                program.setCost(targets[t].cell, 1)
                let outcome = try program.solve(maximize: goingUp, primal: true, stage: "the audit (one cell)")
                program.setCost(targets[t].cell, 0)
                switch outcome {
                case .optimal(let value):
                    record()
                    points.append(program.columnValues())
                    if goingUp {
                        maximum[t] = value
                        exactMaximum[t] = true
                    } else {
                        minimum[t] = value
                        exactMinimum[t] = true
                    }
                case .unbounded:
                    if goingUp {
                        maximum[t] = nil
                        exactMaximum[t] = true
                    } else {
                        minimum[t] = 0
                        exactMinimum[t] = true
                    }
                case .infeasible:
                    throw DisclosureError.solverFailed(stage: "the audit: published values are inconsistent", code: -1)
                }
            }
        }
        let certificates = targets.indices.map { t in
            Certificate(cell: targets[t].cell, minimum: minimum[t], maximum: maximum[t], isExact: exactMinimum[t] && exactMaximum[t])
        }
        return (certificates, points)
    }
}
