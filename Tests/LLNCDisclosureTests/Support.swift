import LLNCTestSupport

@testable import LLNCDisclosure

/// Exact publication (no rounding), everything else default: the setting in which
/// subtraction attacks are easiest to read.
var exactPolicy: Policy {
    var policy = Policy()
    policy.roundingBase = nil
    policy.aggregateRoundingBase = nil
    return policy
}

/// A one-row table: categories under `Total`, counts given for the leaves only.
func rowTable(_ counts: [Int], sensitive: Bool = true, percentages: [PercentageDefinition] = []) throws -> Table {
    let names = counts.indices.map { "c\($0)" }
    let dimension = try Dimension(name: "category", values: names)
    return try Table.frequency(
        name: "row", dimensions: [dimension],
        counts: Dictionary(uniqueKeysWithValues: zip(names.map { CellKey($0) }, counts)),
        isSensitive: sensitive, percentages: percentages)
}

/// Publishes `table` with only the given suppression pattern (no secondary suppression),
/// the way a naive publisher would, and audits it.
func naivePublication(_ table: Table, policy: Policy, suppressed: Set<Int> = [], percentagesPublished: Bool = true) throws -> ProtectedTable {
    let rules = PrimarySuppression.rules(for: table, policy: policy)
    let mask = table.values.indices.map { suppressed.contains($0) || rules[$0] != nil }
    let active = table.percentages.map { p -> Bool? in
        table.percentageRuleMet(table.index(of: p.numerator)!, table.index(of: p.denominator)!, policy) ? percentagesPublished : nil
    }
    var seeds: [[Double]] = []
    return try ProtectedTable.assemble(
        table, policy: policy, rules: rules, suppressed: mask, percentageActive: active, exactAudit: true, seeds: &seeds)
}

func finding(_ report: AuditReport, _ key: CellKey) -> AuditReport.Finding? {
    report.findings.first { $0.cell == key }
}
