extension ProtectedTable {
    /// Turns a suppression pattern into publishable cells and percentages, then audits them.
    /// `seeds` carries the audit's witness points from one pattern to the next.
    static func assemble(
        _ table: Table, policy: Policy, rules: [PrimaryRule?], suppressed: [Bool], percentageActive: [Bool?],
        exactAudit: Bool = false, audited: Bool = true, seeds: inout [[Double]]
    ) throws -> ProtectedTable {
        let cells = table.values.indices.map { index -> ProtectedCell in
            let key = table.key(at: index)
            if let rule = rules[index] {
                return ProtectedCell(key: key, status: .primarySuppressed(rule), value: nil, symbol: .confidential)
            }
            if suppressed[index] {
                return ProtectedCell(key: key, status: .secondarySuppressed, value: nil, symbol: .confidential)
            }
            let x = table.values[index]
            guard table.kind == .frequency, let base = policy.roundingBase(siteLevel: table.isSiteLevel(index)) else {
                return ProtectedCell(key: key, status: .published, value: x, symbol: nil)
            }
            let rounded = Rounding.round(x, base: base)
            if rounded == 0 && x > 0 {
                return ProtectedCell(key: key, status: .rounded(base: base), value: nil, symbol: .low)
            }
            return ProtectedCell(key: key, status: .rounded(base: base), value: rounded, symbol: nil)
        }
        let percentages = table.percentages.enumerated().map { k, definition -> ProtectedPercentage in
            let n = table.index(of: definition.numerator)!
            let d = table.index(of: definition.denominator)!
            if table.values[d] == 0 {
                // "Not applicable" says the denominator is zero; where that zero is itself
                // withheld (a sensitive table), the percentage is withheld with it.
                guard !cells[d].status.isSuppressed else {
                    return ProtectedPercentage(
                        definition: definition, value: nil, symbol: .confidential,
                        reason: "withheld: a cell it is computed from is suppressed, or publishing it would narrow one")
                }
                return ProtectedPercentage(definition: definition, value: nil, symbol: .notApplicable, reason: "denominator is zero")
            }
            guard let active = percentageActive[k] else {
                return ProtectedPercentage(
                    definition: definition, value: nil, symbol: .confidential,
                    reason:
                        "numerator below \(policy.percentageMinimumNumerator) or denominator − numerator below \(policy.percentageMinimumRemainder)")
            }
            guard active, !cells[n].status.isSuppressed, !cells[d].status.isSuppressed else {
                return ProtectedPercentage(
                    definition: definition, value: nil, symbol: .confidential,
                    reason: "withheld: a cell it is computed from is suppressed, or publishing it would narrow one")
            }
            let value = Rounding.percentage(numerator: table.values[n], denominator: table.values[d], places: policy.percentageDecimalPlaces).value
            return ProtectedPercentage(definition: definition, value: value, symbol: nil, reason: "published")
        }
        let result = ProtectedTable(
            table: table, policy: policy, cells: cells, percentages: percentages,
            audit: AuditReport(findings: []))
        guard audited else { return result }
        let audit = try Audit.attack([result], exact: exactAudit, seeds: seeds)
        seeds += audit.points
        return ProtectedTable(table: table, policy: policy, cells: cells, percentages: percentages, audit: audit.report)
    }
}
