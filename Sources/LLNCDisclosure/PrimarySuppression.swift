/// The rules that decide, cell by cell, what may never be published as it is. Secondary
/// suppression then protects these cells against subtraction.
enum PrimarySuppression {
    /// The rule each cell breaks, by linear index; nil when it may be published.
    static func rules(for table: Table, policy: Policy) -> [PrimaryRule?] {
        var rules = [PrimaryRule?](repeating: nil, count: table.cellCount)
        for index in 0..<table.cellCount {
            switch table.kind {
            case .frequency:
                rules[index] = frequencyRule(table.values[index], policy: policy, sensitive: table.isSensitive)
            case .magnitude:
                rules[index] = magnitudeRule(
                    table.values[index], contributors: table.contributors[index], policy: policy,
                    sensitive: table.isSensitive)
            }
        }
        if !table.isSensitive {
            markWholeGroupsInOneCategory(table, &rules)
        }
        return rules
    }

    static func frequencyRule(_ value: Double, policy: Policy, sensitive: Bool) -> PrimaryRule? {
        if value == 0 { return sensitive ? .zeroInSensitiveTable : nil }
        return value < Double(policy.threshold) ? .threshold : nil
    }

    static func magnitudeRule(_ value: Double, contributors: Contributors?, policy: Policy, sensitive: Bool) -> PrimaryRule? {
        let count = contributors?.count ?? 0
        if count == 0 { return sensitive ? .zeroInSensitiveTable : nil }
        if count < policy.threshold { return .threshold }
        guard value > 0, let contributors else { return nil }
        let largest = contributors.largest
        let topN = largest.prefix(policy.dominanceN).reduce(0, +)
        if topN > policy.dominanceK / 100 * value { return .dominance }
        let first = largest.first ?? 0
        let second = largest.count > 1 ? largest[1] : 0
        if value - first - second < policy.pPercent / 100 * first { return .pPercent }
        return nil
    }

    /// In a non-sensitive table a published zero is fine, but if every member of a group
    /// (a non-zero margin) falls in one category, publishing that category's count tells
    /// everyone in the group something about each member. Only category dimensions count:
    /// all of a region's children living in one site is not an attribute disclosure.
    private static func markWholeGroupsInOneCategory(_ table: Table, _ rules: inout [PrimaryRule?]) {
        for (relation, d) in zip(table.relations, table.relationDimensions)
        where table.dimensions[d].kind == .category && relation.children.count > 1 {
            let total = table.values[relation.parent]
            guard total > 0 else { continue }
            for child in relation.children where table.values[child] == total && rules[child] == nil {
                rules[child] = .wholeGroupInOneCategory
            }
        }
    }
}
