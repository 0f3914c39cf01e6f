import LLNCTestSupport
import Testing

@testable import LLNCDisclosure

/// Random hierarchical tables with many small counts: whatever the library returns, an LP
/// attacker must find every primary cell protected, and the attack must never exclude the
/// truth. Seeds are fixed so a failure names a reproducible table.
@Suite(.timeLimit(.minutes(10)))
struct PropertyTests {
    /// Mostly small counts (0-12), some medium, a few large: the mix that makes suppression hard.
    static func count(_ rng: inout SplitMix64) -> Int {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<5: return Int.random(in: 0...12, using: &rng)
        case 5..<8: return Int.random(in: 10...60, using: &rng)
        default: return Int.random(in: 60...400, using: &rng)
        }
    }

    static func sites(regions: Int, perRegion: Int) throws -> Dimension {
        var children: [String: [String]] = ["England": (0..<regions).map { "R\($0)" }]
        for r in 0..<regions { children["R\(r)"] = (0..<perRegion).map { "R\(r)S\($0)" } }
        return try Dimension(name: "site", kind: .geography, root: "England", children: children)
    }

    static func randomTable(seed: UInt64, dimensions: [Dimension], sensitive: Bool) throws -> Table {
        var rng = SplitMix64(seed: seed)
        var leaves: [[String]] = [[]]
        for dimension in dimensions {
            let values = dimension.values.filter(dimension.isLeaf)
            leaves = leaves.flatMap { prefix in values.map { prefix + [$0] } }
        }
        var counts: [CellKey: Int] = [:]
        for leaf in leaves { counts[CellKey(leaf)] = count(&rng) }
        return try Table.frequency(name: "random \(seed)", dimensions: dimensions, counts: counts, isSensitive: sensitive)
    }

    static func expectProtected(_ table: Table, policy: Policy) throws {
        let protected = try table.protected(by: policy)
        #expect(protected.primaryCount > 0, "the generator should always produce small cells")
        let audit = try Audit.attack([protected])
        #expect(audit.passed, "\(table.name): \(audit.failures.map(\.cell))")
        #expect(audit.findings.count == protected.primaryCount)
        for finding in audit.findings {
            #expect(finding.minimum <= finding.trueValue + 1e-6 && (finding.maximum ?? .infinity) >= finding.trueValue - 1e-6)
        }
        // Nothing suppressed may be shown, and everything shown is the rounding of the truth.
        for (index, cell) in protected.cells.enumerated() {
            if cell.status.isSuppressed { #expect(cell.value == nil && cell.symbol == .confidential) }
            if case .rounded(let base) = cell.status, let value = cell.value {
                #expect(value == Rounding.round(table.values[index], base: base))
            }
        }
    }

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func random2DHierarchicalTablesAreProtected(seed: UInt64) throws {
        let ages = try Dimension(name: "age", values: ["0-4", "5-9", "10-15", "16-17", "18+"])
        let table = try Self.randomTable(seed: seed, dimensions: [Self.sites(regions: 3, perRegion: 4), ages], sensitive: seed % 2 == 0)
        try Self.expectProtected(table, policy: seed % 3 == 0 ? exactPolicy : .default)
    }

    @Test(arguments: 101...120 as ClosedRange<UInt64>)
    func random3DHierarchicalTablesAreProtected(seed: UInt64) throws {
        let ages = try Dimension(name: "age", values: ["0-4", "5-15", "16-17"])
        let categories = try Dimension(name: "need", values: ["N1", "N2", "N3", "N4"])
        let table = try Self.randomTable(
            seed: seed, dimensions: [Self.sites(regions: 2, perRegion: 3), ages, categories], sensitive: seed % 2 == 1)
        try Self.expectProtected(table, policy: seed % 3 == 0 ? exactPolicy : .default)
    }
}
