import Foundation
import Testing

@testable import LLNCNode

@Suite(.timeLimit(.minutes(10)))
struct PolicyFloorTests {
    private func load(_ json: String) throws -> IndicatorPolicy {
        try JSONDecoder().decode(IndicatorPolicy.self, from: Data(json.utf8))
    }

    @Test func aSiteMayBeStricterThanTheNationalMinimum() throws {
        let policy = try load(#"{"approvals_required": 2, "disclosure": {"threshold": 20}}"#)
        #expect(policy.disclosure.threshold == 20)
    }

    @Test(arguments: [
        #"{"disclosure": {"threshold": 1}}"#,
        #"{"disclosure": {"roundingBase": null}}"#,
        #"{"disclosure": {"protectionMargin": 0}}"#,
        #"{"disclosure": {"percentageMinimumNumerator": 1}}"#,
    ])
    func nothingLooserThanTheNationalMinimumCanLeaveANode(json: String) {
        #expect(throws: IndicatorError.self) { try load(json) }
    }
}

@Suite(.timeLimit(.minutes(10)))
struct ReviewSeparationTests {
    /// A table that could not be protected leaves as one `unavailable` cell; the library's
    /// explanation (which can quote exact aggregates) is shown only with the local figures.
    @Test func anUnprotectableTablesReasonStaysInTheLocalSection() {
        let cell = BatchCell(
            cell: .init(
                indicator: "x", definitionVersion: 1, period: "2024-25", unit: .count, status: .unavailable,
                symbol: .unavailable, reason: "disclosure:not_protected"),
            localValue: nil, rule: "table does not add up: Total 123 but cells sum to 120")
        #expect(!BatchReview.leavingRule(cell).contains("123"))
        let ordinary = BatchCell(
            cell: .init(
                indicator: "x", definitionVersion: 1, period: "2024-25", unit: .count, status: .suppressed,
                symbol: .confidential, reason: "primary:threshold"),
            localValue: "3", rule: "primary suppression: threshold")
        #expect(BatchReview.leavingRule(ordinary) == "primary suppression: threshold")
    }
}
