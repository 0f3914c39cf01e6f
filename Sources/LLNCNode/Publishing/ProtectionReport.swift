import LLNCDisclosure

/// The plain-text report printed beside a protected table: what was withheld and why, and
/// the audit's verdict. Counts only; never a true value of a suppressed cell.
public enum ProtectionReport {
    public static func text(_ protected: ProtectedTable) -> String {
        var rules: [String: Int] = [:]
        for cell in protected.cells {
            if case .primarySuppressed(let rule) = cell.status { rules[rule.rawValue, default: 0] += 1 }
        }
        let ruleNames: [String] = rules.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let ruleList: String = rules.isEmpty ? "" : " (" + ruleNames.joined(separator: ", ") + ")"
        var lines = [
            "table: \(protected.table.name) (\(protected.cells.count) cells)",
            "primary suppressions: \(protected.primaryCount)" + ruleList,
            "secondary suppressions: \(protected.secondaryCount)",
            "rounded: \(protected.cells.filter { if case .rounded = $0.status { return true } else { return false } }.count)",
            "audit: " + (protected.audit.passed
                ? "passed: an LP attacker cannot narrow any suppressed cell below ±\(protected.policy.protectionMargin)"
                : "FAILED for \(protected.audit.failures.count) cells: do not publish"),
        ]
        for percentage in protected.percentages {
            lines.append("percentage \(percentage.definition.name): \(percentage.reason)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
