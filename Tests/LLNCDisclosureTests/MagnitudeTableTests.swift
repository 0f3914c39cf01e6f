import Testing

@testable import LLNCDisclosure

/// A weekly-cost table: dominance decides what is withheld, protection is relative.
@Suite(.timeLimit(.minutes(10)))
struct MagnitudeTableTests {
    @Test func aDominatedCostIsWithheldAndProtectedByASecondSuppression() throws {
        let placement = try Dimension(name: "placement", values: ["foster", "residential", "other"])
        let many = Contributors(count: 40, largest: [300, 280])
        let table = try Table.magnitude(
            name: "weekly cost", dimensions: [placement],
            cells: [
                CellKey("foster"): (12_000, many),
                CellKey("residential"): (9_000, Contributors(count: 12, largest: [8_000, 300])),
                CellKey("other"): (4_000, many),
                CellKey("Total"): (25_000, Contributors(count: 92, largest: [8_000, 300])),
            ])
        let protected = try table.protected(by: .default)
        // Total, foster, residential, other: the cheaper sibling (other) is the complement.
        #expect(protected.cells.map(\.status) == [.published, .published, .primarySuppressed(.dominance), .secondarySuppressed])
        #expect(protected.audit.passed)
        let finding = try #require(protected.audit.findings.first)
        #expect(finding.requiredUpper == 9_900, "relative protection: 10% of the cell")
    }
}
