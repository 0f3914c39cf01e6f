import Foundation
import Testing

@testable import LLNCDisclosure

/// Counts are whole numbers. The linear audit relaxes that, so an attacker with an integer
/// solver can narrow a cell the linear audit calls protected; the integer attack closes the gap
/// and secondary suppression answers it.
@Suite(.timeLimit(.minutes(10)))
struct IntegerAttackTests {
    /// A row of four counts, two published as shares of the total: found by a search over
    /// small tables. The linear attacker can bring the count of 1 down to 0 only with
    /// fractional neighbours; with whole counts it is at least 1, so the reader learns the
    /// category is not empty.
    func narrowedByWholeCounts() throws -> Table {
        try rowTable(
            [12, 35, 22, 1],
            percentages: [
                PercentageDefinition(name: "p0", numerator: CellKey("c0"), denominator: CellKey("Total")),
                PercentageDefinition(name: "p1", numerator: CellKey("c1"), denominator: CellKey("Total")),
            ])
    }

    @Test func aCountTheLinearAttackCallsProtectedIsNarrowedByWholeNumbers() throws {
        let published = try naivePublication(narrowedByWholeCounts(), policy: .default)
        let small = try #require(finding(published.audit, CellKey("c3")))
        #expect(small.integerCheck == .narrowed)
        #expect(small.minimum == 1, "the integer optimum replaces the linear minimum")
        #expect(!small.isProtected)
        #expect(!published.audit.passed)
    }

    @Test func protectionSuppressesUntilWholeCountsReachTheMargin() throws {
        let protected = try narrowedByWholeCounts().protected(by: .default)
        #expect(protected.audit.passed)
        let counts = protected.audit.findings.filter { $0.integerCheck != .notRun }
        #expect(!counts.isEmpty)
        #expect(counts.allSatisfy { $0.integerCheck == .reached })
        #expect(protected.audit.integerUnchecked == 0)
        // An independent check: the integer attack on what was published reaches ±5 for c3.
        let again = try Audit.attack([protected])
        #expect(finding(again, CellKey("c3"))?.integerCheck == .reached)
    }

    @Test func withTheIntegerAttackOffTheLinearVerdictStandsAndIsCounted() throws {
        var policy = Policy()
        policy.integerAttackSeconds = 0
        let published = try naivePublication(narrowedByWholeCounts(), policy: policy)
        let small = try #require(finding(published.audit, CellKey("c3")))
        #expect(small.integerCheck == .outOfTime)
        #expect(small.isProtected, "the linear attack alone does not see the narrowing")
        #expect(published.audit.integerUnchecked > 0)
    }

    @Test func theExactAttackFindsTheIntegerOptimumOfARatioBand() throws {
        // 13 children, of whom 30% to 40% (rounded) are in the group: the linear interval is
        // 3.9 ... 5.2, the whole-number one 4 ... 5.
        var knowledge = AttackerKnowledge()
        let group = knowledge.learn(label: "group", lower: 0, upper: nil, isSuppressed: true, isInteger: true)
        let all = knowledge.learn(label: "all", lower: 13, upper: 13, isSuppressed: false, isInteger: true)
        knowledge.learn(AttackerKnowledge.Ratio(numerator: group, denominator: all, lowerFraction: 0.30, upperFraction: 0.40))
        let checked = try Attacker.integerCheck(knowledge, targets: [(group, 3.9, 5.2)], witnesses: [], seconds: 10)
        #expect(checked.verdicts == [.narrowed(minimum: 4, maximum: 5)])
        let wide = try Attacker.integerCheck(knowledge, targets: [(group, 4, 5)], witnesses: [], seconds: 10)
        #expect(wide.verdicts == [.reached])
        #expect(wide.points.allSatisfy { knowledge.admits($0) })
    }

    @Test(arguments: [-1.0, 3_601, .nan])
    func anIntegerAttackTimeOutsideItsRangeIsRefused(seconds: Double) {
        var policy = Policy()
        policy.integerAttackSeconds = seconds
        #expect(throws: DisclosureError.invalidPolicy(reason: "integerAttackSeconds must be between 0 (off) and 3600")) {
            try policy.validate()
        }
    }

    @Test func theIntegerAttackTimeTravelsInThePolicyFile() throws {
        var policy = Policy()
        policy.integerAttackSeconds = 5
        let decoded = try JSONDecoder().decode(Policy.self, from: JSONEncoder().encode(policy))
        #expect(decoded.integerAttackSeconds == 5)
        let older = try JSONDecoder().decode(Policy.self, from: Data(#"{"threshold": 10}"#.utf8))
        #expect(older.integerAttackSeconds == Policy.default.integerAttackSeconds)
    }
}
