extension Table {
    /// Applies `policy` to the table: primary suppression, rounding, percentages, secondary
    /// suppression over the whole table, then an LP attack on the result. Returns only a
    /// result that passed its own audit; otherwise throws (fail closed: nothing publishable).
    public func protected(by policy: Policy = .default) throws -> ProtectedTable {
        try policy.validate()
        let rules = PrimarySuppression.rules(for: self, policy: policy)
        let published: [(lower: Double, upper: Double)?] = values.indices.map { index in
            guard rules[index] == nil else { return nil }
            guard kind == .frequency, let base = policy.roundingBase(siteLevel: isSiteLevel(index)) else {
                return (values[index], values[index])
            }
            let rounded = Rounding.round(values[index], base: base)
            let bounds = Rounding.interval(published: rounded, base: base)
            return (rounded == 0 && values[index] > 0) ? (1, bounds.upper) : bounds
        }
        var ratioOfPercentage: [Int: Int] = [:]
        var ratios: [AttackerKnowledge.Ratio] = []
        for (k, percentage) in percentages.enumerated() {
            let n = index(of: percentage.numerator)!
            let d = index(of: percentage.denominator)!
            guard percentageRuleMet(n, d, policy) else { continue }
            let rounded = Rounding.percentage(numerator: values[n], denominator: values[d], places: policy.percentageDecimalPlaces)
            ratioOfPercentage[k] = ratios.count
            ratios.append(AttackerKnowledge.Ratio(
                numerator: n, denominator: d, lowerFraction: rounded.lowerFraction, upperFraction: rounded.upperFraction))
        }
        var needs = rules.indices.compactMap { index -> SecondarySuppression.Need? in
            guard rules[index] != nil else { return nil }
            let margin = Audit.requiredMargin(value: values[index], kind: kind, policy: policy)
            return SecondarySuppression.Need(cell: index, up: margin, down: min(values[index], margin))
        }
        var suppression = SecondarySuppression(values: values, published: published, relations: relations, ratios: ratios)
        for _ in 0..<3 {
            _ = try suppression.protect(needs)
            let result = try ProtectedTable.assemble(
                self, policy: policy, rules: rules, suppressed: suppression.suppressed,
                percentageActive: percentages.indices.map { ratioOfPercentage[$0].map { suppression.ratioActive[$0] } })
            if result.audit.passed { return result }
            // Solver tolerances can leave a cell a hair short: ask for a little more and retry.
            let failing = Set(result.audit.failures.map(\.cell))
            needs = needs.filter { failing.contains(key(at: $0.cell)) }.map {
                SecondarySuppression.Need(cell: $0.cell, up: $0.up * 1.01 + 0.01, down: min(values[$0.cell], $0.down * 1.01 + 0.01))
            }
        }
        throw DisclosureError.protectionNotAchieved(table: name, cells: needs.map { key(at: $0.cell) })
    }

    func percentageRuleMet(_ n: Int, _ d: Int, _ policy: Policy) -> Bool {
        values[d] > 0 && values[n] >= Double(policy.percentageMinimumNumerator)
            && values[d] - values[n] >= Double(policy.percentageMinimumRemainder)
    }
}
