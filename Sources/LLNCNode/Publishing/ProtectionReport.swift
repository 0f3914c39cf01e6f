import LLNCDisclosure

/// The plain-text report printed beside a protected table: what was withheld and why, and
/// the audit's verdict. Counts only; never a true value of a suppressed cell.
public enum ProtectionReport {
    public static func text(_ protected: ProtectedTable) -> String {
        var rules: [String: Int] = [:]
        for cell in protected.cells {
            if case .primarySuppressed(let rule) = cell.status { rules[rule.rawValue, default: 0] += 1 }
        }
        let ruleCounts: [String] = rules.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let ruleSummary: String = ruleCounts.isEmpty ? "" : " (" + ruleCounts.joined(separator: ", ") + ")"
        let rounded: Int = protected.cells.filter { cell in
            if case .rounded = cell.status { return true }
            return false
        }.count
        let verdict: String =
            protected.audit.passed
            ? "passed: an LP attacker cannot narrow any suppressed cell below ±\(protected.policy.protectionMargin)"
            : "FAILED for \(protected.audit.failures.count) cells: do not publish"
        var lines: [String] = [
            "table: \(protected.table.name) (\(protected.cells.count) cells)",
            "primary suppressions: \(protected.primaryCount)" + ruleSummary,
            "secondary suppressions: \(protected.secondaryCount)",
            "rounded: \(rounded)",
            "audit: " + verdict,
        ]
        for percentage in protected.percentages {
            lines.append("percentage \(percentage.definition.name): \(percentage.reason)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
