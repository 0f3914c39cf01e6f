import Foundation
import Testing
@testable import LLNCNode

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
