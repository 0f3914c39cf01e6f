import Foundation
import LLNCProtocol

/// What an approver reads before approving: every cell that would leave with its status and
/// the rule behind it, and, clearly apart, the exact figures that stay at the site.
public struct BatchReview: Sendable {
    public let batch: Batch
    /// Indicator id → title, for headings (ids alone when the catalogue is not at hand).
    public let titles: [String: String]

    public init(batch: Batch, titles: [String: String] = [:]) {
        self.batch = batch
        self.titles = titles
    }

    /// Cells grouped by indicator, in batch order.
    var groups: [(indicator: String, cells: [BatchCell])] {
        var order: [String] = []
        var byIndicator: [String: [BatchCell]] = [:]
        for cell in batch.cells {
            if byIndicator[cell.cell.indicator] == nil { order.append(cell.cell.indicator) }
            byIndicator[cell.cell.indicator, default: []].append(cell)
        }
        return order.map { ($0, byIndicator[$0]!) }
    }

    var approvalLine: String {
        let names = batch.approvals.map { "\($0.approver) at \($0.approvedAt)" }.joined(separator: "; ")
        let state = batch.isApproved ? "APPROVED" : "DRAFT (not approved: nothing can be sealed)"
        return "\(state): \(batch.approvals.count) of \(batch.approvalsRequired) approvals" + (names.isEmpty ? "" : " (\(names))")
    }

    static func breakdownText(_ b: [String: String]) -> String {
        b.isEmpty ? "overall" : b.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    static func shown(_ c: Cell) -> String {
        if let value = c.value { return value }
        return c.symbol?.rawValue ?? ""
    }

    static func ratio(_ c: Cell) -> String {
        guard c.numerator != nil || c.denominator != nil else { return "" }
        return "\(c.numerator ?? "-")/\(c.denominator ?? "-")"
    }

    /// How many cells would leave with each status, in the protocol's order: what an approver
    /// reads first, before the cell-by-cell list.
    var statusSummary: String {
        let counts = Dictionary(batch.cells.map { ($0.cell.status, 1) }, uniquingKeysWith: +)
        let parts = Cell.Status.allCases.compactMap { status in
            counts[status].map { "\($0) \(status.rawValue.replacingOccurrences(of: "_", with: " "))" }
        }
        return "\(batch.cells.count) cells: " + (parts.isEmpty ? "none" : parts.joined(separator: ", "))
    }

    /// The terminal review.
    public var text: String {
        var lines = [
            "Batch \(batch.id), period \(batch.period), computed \(batch.computedAt)",
            "Catalogue version \(batch.catalogueVersion)",
            approvalLine, statusSummary, "",
        ]
        if !batch.protection.isEmpty {
            lines.append("== PROTECTED TOGETHER (linked indicators: one suppression and one attack over all of them) ==")
            lines += batch.protection.map { "- " + $0 }
            lines.append("")
        }
        lines.append("== WHAT WOULD LEAVE (\(batch.cells.count) cells) ==")
        let widths = [44, 11, 10, 14, 28]
        for (indicator, cells) in groups {
            lines.append("")
            lines.append("\(indicator)" + (titles[indicator].map { ": \($0)" } ?? ""))
            lines.append("  " + Self.row(["breakdown", "status", "value", "num/den", "reason"], widths) + "  rule")
            for c in cells {
                lines.append(
                    "  "
                        + Self.row(
                            [
                                Self.breakdownText(c.cell.breakdown), c.cell.status.rawValue, Self.shown(c.cell),
                                Self.ratio(c.cell), c.cell.reason ?? "",
                            ], widths) + "  " + Self.leavingRule(c))
            }
        }
        lines += ["", "== WHAT STAYS AT THE SITE (never sent: exact figures before rounding and suppression) =="]
        for (indicator, cells) in groups {
            lines.append("")
            lines.append(indicator)
            for c in cells {
                let ratio = c.localNumerator.map { " (\($0)/\(c.localDenominator ?? "-"))" } ?? ""
                let why = c.cell.reason == "disclosure:not_protected" ? "  (" + c.rule + ")" : ""
                lines.append("  " + Self.row([Self.breakdownText(c.cell.breakdown)], [44]) + "  " + (c.localValue ?? "-") + ratio + why)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func row(_ cells: [String], _ widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            cell.count >= width ? cell : cell + String(repeating: " ", count: width - cell.count)
        }.joined(separator: " ")
    }

    /// The rule as shown beside what would leave. When a table could not be protected, the
    /// library's explanation can quote exact aggregates, so it is shown only with the local
    /// figures; beside what leaves there is a fixed sentence.
    static func leavingRule(_ c: BatchCell) -> String {
        c.cell.reason == "disclosure:not_protected"
            ? "withheld: the table could not be protected (the reason is with the exact figures below)"
            : c.rule
    }
}
