extension Table {
    /// Applies `policy` to the table: primary suppression, rounding, percentages, secondary
    /// suppression over the whole table, then an LP attack on the result. Returns only a
    /// result that passed its own audit; otherwise throws (fail closed: nothing publishable).
    public func protected(by policy: Policy = .default) throws -> ProtectedTable {
        try policy.validate()
        let rules = PrimarySuppression.rules(for: self, policy: policy)
        let published = values.indices.map { rules[$0] == nil ? readerInterval(of: $0, policy: policy) : nil }
        var ratioOfPercentage: [Int: Int] = [:]
        var ratios: [AttackerKnowledge.Ratio] = []
        for (k, ratio) in percentageBands(policy: policy) {
            ratioOfPercentage[k] = ratios.count
            ratios.append(ratio)
        }
        var suppression = SecondarySuppression(
            values: values, published: published, relations: relations, ratios: ratios, integerSeconds: policy.integerAttackSeconds)
        var witnesses: [[Double]] = []
        func assemble(_ suppressed: [Bool]? = nil) throws -> ProtectedTable {
            try ProtectedTable.assemble(
                self, policy: policy, rules: rules, suppressed: suppressed ?? suppression.suppressed,
                percentageActive: percentages.indices.map { ratioOfPercentage[$0].map { suppression.ratioActive[$0] } },
                seeds: &witnesses)
        }
        /// The sequential choice can leave a secondary suppression that later ones made
        /// redundant: try publishing each again, largest first, and keep what still passes
        /// the audit. Bounded to tables where an audit costs milliseconds.
        func withoutRedundantSuppressions(_ result: ProtectedTable) throws -> ProtectedTable {
            guard cellCount <= Self.cleanupLimit else { return result }
            var best = result
            var mask = suppression.suppressed
            let secondaries = mask.indices.filter { mask[$0] && rules[$0] == nil }.sorted { values[$0] > values[$1] }
            for cell in secondaries {
                mask[cell] = false
                let trial = try assemble(mask)
                if trial.audit.passed { best = trial } else { mask[cell] = true }
            }
            return best
        }
        // Rounding alone often protects a cell: attack the primary pattern first and open
        // protection paths only for the cells, and the directions, that fail.
        var result = try assemble()
        var growth = 1.0
        for _ in 0..<4 {
            if result.audit.passed { return try withoutRedundantSuppressions(result) }
            let needs = result.audit.failures.map { failure -> SecondarySuppression.Need in
                let cell = index(of: failure.cell)!
                let integer = failure.integerCheck == .narrowed
                let margin =
                    Audit.requiredMargin(value: values[cell], kind: kind, policy: policy) * (integer ? 1 : growth) + (integer ? 0 : growth - 1)
                let up = (failure.maximum.map { $0 < failure.requiredUpper - 1e-6 } ?? false) ? margin : 0
                let down = failure.minimum > failure.requiredLower + 1e-6 ? min(values[cell], margin) : 0
                return SecondarySuppression.Need(cell: cell, up: up, down: down, integer: integer)
            }
            _ = try suppression.protect(needs)
            result = try assemble()
            // Solver tolerances can leave a cell a hair short: ask for a little more next time.
            growth *= 1.01
        }
        if result.audit.passed { return try withoutRedundantSuppressions(result) }
        let needs = result.audit.failures.map(\.cell)
        throw DisclosureError.protectionNotAchieved(table: name, cells: needs)
    }

    /// What a reader who knows the published rules learns from cell `index` if it is published
    /// (rounded at its level, `low`, or exact).
    func readerInterval(of index: Int, policy: Policy) -> (lower: Double, upper: Double) {
        guard kind == .frequency else { return (values[index], values[index]) }
        guard let base = policy.roundingBase(siteLevel: isSiteLevel(index)) else {
            return policy.possibleCounts(shown: values[index], base: nil, zerosShown: !isSensitive)
        }
        let rounded = Rounding.round(values[index], base: base)
        if rounded == 0 && values[index] > 0 { return policy.possibleCountsOfLow(base: base) }
        return policy.possibleCounts(shown: rounded, base: base, zerosShown: !isSensitive)
    }

    /// The band each publishable percentage (by position) puts on its numerator and
    /// denominator, in this table's cell indexes.
    func percentageBands(policy: Policy) -> [(percentage: Int, ratio: AttackerKnowledge.Ratio)] {
        percentages.enumerated().compactMap { k, percentage in
            let n = index(of: percentage.numerator)!
            let d = index(of: percentage.denominator)!
            guard percentageRuleMet(n, d, policy) else { return nil }
            let rounded = Rounding.percentage(numerator: values[n], denominator: values[d], places: policy.percentageDecimalPlaces)
            return (
                k,
                AttackerKnowledge.Ratio(
                    numerator: n, denominator: d, lowerFraction: rounded.lowerFraction, upperFraction: rounded.upperFraction)
            )
        }
    }

    /// Tables up to this many cells get the redundancy clean-up after secondary suppression.
    static let cleanupLimit = 3_000

    func percentageRuleMet(_ n: Int, _ d: Int, _ policy: Policy) -> Bool {
        values[d] > 0 && values[n] >= Double(policy.percentageMinimumNumerator)
            && values[d] - values[n] >= Double(policy.percentageMinimumRemainder)
    }
}
