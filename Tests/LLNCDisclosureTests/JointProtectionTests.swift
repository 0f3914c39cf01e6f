import LLNCTestSupport
import Testing

@testable import LLNCDisclosure

/// Tables that count the same children, or are tied by a stock-and-flow identity, protected
/// one at a time each pass their own audit and still give a small count away together. Each
/// attack is shown on the naive per-table publication first, then the joint protection must
/// pass the joint attack.
@Suite(.timeLimit(.minutes(10)))
struct JointProtectionTests {
    static func oneWay(
        _ name: String, population: String, dimension: String, _ counts: [(String, Int)], root: String = "Total", groups: [String: [String]]? = nil
    ) throws -> Table {
        let dim =
            try groups.map { try Dimension(name: dimension, root: root, children: $0) }
            ?? Dimension(name: dimension, values: counts.map(\.0))
        var table = try Table.frequency(
            name: name, dimensions: [dim], counts: Dictionary(uniqueKeysWithValues: counts.map { (CellKey($0.0), $0.1) }))
        table.population = population
        return table
    }

    static func naive(_ table: Table, suppressing: [String]) throws -> ProtectedTable {
        try naivePublication(table, policy: exactPolicy, suppressed: Set(suppressing.map { table.index(of: CellKey($0))! }))
    }

    /// The flow matrix's destination "looked after, foster" is the stock's "foster". The
    /// stock protects its residential 3 with `other`, the flow matrix with foster; together
    /// the stock's published foster 40 gives the flow's foster, and 43 − 40 = 3.
    @Test func aFlowMatrixAndTheStockItEndsInAreProtectedAsOne() throws {
        let stock = try Self.oneWay("stock", population: "stock", dimension: "placement", [("foster", 40), ("residential", 3), ("other", 12)])
        let flow = try Self.oneWay(
            "flow", population: "flow", dimension: "to_state",
            [("looked_after:foster", 40), ("looked_after:residential", 3), ("looked_after:other", 12), ("not_open", 30)],
            groups: [
                "Total": ["looked_after", "not_open"], "looked_after": ["looked_after:foster", "looked_after:residential", "looked_after:other"],
            ])
        let identities = ["foster", "residential", "other"].map { group in
            Identity(
                name: "stock \(group)", plus: [Table.label(population: "flow", values: ["to_state": "looked_after:\(group)"])],
                minus: [Table.label(population: "stock", values: ["placement": group])])
        }
        let a = try Self.naive(stock, suppressing: ["other"])
        let b = try Self.naive(flow, suppressing: ["looked_after:foster"])
        #expect(a.audit.passed && b.audit.passed, "each table alone is safe")
        let together = try Audit.attack([a, b], identities: identities)
        let residential = try #require(together.findings.first { $0.table == "flow" && $0.cell == CellKey("looked_after:residential") })
        #expect(residential.minimum == 3 && residential.maximum == 3, "43 − 40 gives it exactly")

        let joint = try JointProtection.protect([stock, flow], identities: identities, policy: exactPolicy)
        #expect(joint.audit.passed)
        #expect(try Audit.attack(joint.tables, identities: identities).passed, "an exact attack agrees")
        #expect(Set(joint.identitiesApplied) == Set(identities.map(\.name)))
        // The same children are shown or withheld together in both tables.
        for group in ["foster", "residential", "other"] {
            let inStock = joint.tables[0].cells[stock.index(of: CellKey(group))!].status.isSuppressed
            let inFlow = joint.tables[1].cells[flow.index(of: CellKey("looked_after:\(group)"))!].status.isSuppressed
            #expect(inStock == inFlow, "\(group)")
        }
    }

    /// Looked after now + ceased = looked after last year + started. Last year's stock (52) is
    /// already out; this year's stock (74) and starts (25) would give the ceased 3 exactly.
    @Test func aStockAndItsFlowsAreProtectedAgainstWhatLastYearPublished() throws {
        let before = try Self.oneWay("stock@2023-24", population: "stock@2023-24", dimension: "placement", [("foster", 40), ("residential", 12)])
        let published = try before.protected(by: exactPolicy)
        let started = try Self.oneWay("starts", population: "starts@2024-25", dimension: "age", [("under_5", 10), ("5_and_over", 15)])
        let now = try Self.oneWay("stock", population: "stock@2024-25", dimension: "placement", [("foster", 50), ("residential", 24)])
        let ceased = try Self.oneWay("ceased", population: "ceased@2024-25", dimension: "reason", [("adopted", 3)])
        let balance = Identity(
            name: "stock now + ceased = stock before + started",
            plus: [Table.label(population: "stock@2024-25", values: [:]), Table.label(population: "ceased@2024-25", values: [:])],
            minus: [Table.label(population: "stock@2023-24", values: [:]), Table.label(population: "starts@2024-25", values: [:])])
        let alone = try [started, now, ceased].map { try $0.protected(by: exactPolicy) }
        #expect(alone.allSatisfy { $0.audit.passed })
        let attacked = try Audit.attack(alone + [published], identities: [balance])
        let leak = try #require(attacked.findings.first { $0.table == "ceased" && $0.cell == CellKey("Total") })
        #expect(leak.minimum == 3 && leak.maximum == 3, "52 + 25 − 74")

        let joint = try JointProtection.protect([started, now, ceased], identities: [balance], earlier: [published], policy: exactPolicy)
        #expect(joint.audit.passed)
        #expect(try Audit.attack(joint.tables + [published], identities: [balance]).passed)
        #expect(joint.identitiesApplied == [balance.name])
        #expect(joint.tables.flatMap(\.cells).contains { $0.status == .secondarySuppressed }, "this year must give something up")
    }

    /// An identity the site's data do not satisfy tells a reader nothing exact: it is left
    /// out and named, and protection goes on without it.
    @Test func anIdentityThatDoesNotHoldForTheDataIsLeftOutAndNamed() throws {
        let stock = try Self.oneWay("stock", population: "stock", dimension: "placement", [("foster", 40), ("residential", 3)])
        let flow = try Self.oneWay("flow", population: "flow", dimension: "to_state", [("foster", 41), ("residential", 3)])
        let wrong = Identity(
            name: "foster", plus: [Table.label(population: "flow", values: ["to_state": "foster"])],
            minus: [Table.label(population: "stock", values: ["placement": "foster"])])
        let joint = try JointProtection.protect([stock, flow], identities: [wrong], policy: exactPolicy)
        #expect(joint.identitiesApplied.isEmpty && joint.identitiesNotHolding == ["foster"])
        #expect(joint.audit.passed)
    }

    /// Two breakdowns of one population share their total: one number, one status.
    @Test func tablesOfOnePopulationShareTheirTotalAndMustAgreeOnIt() throws {
        let byPlacement = try Self.oneWay("by placement", population: "stock", dimension: "placement", [("foster", 40), ("residential", 12)])
        let bySex = try Self.oneWay("by sex", population: "stock", dimension: "sex", [("F", 3), ("M", 49)])
        let joint = try JointProtection.protect([byPlacement, bySex], policy: exactPolicy)
        #expect(joint.audit.passed)
        let total = CellKey("Total")
        #expect(
            joint.tables[0].cells[byPlacement.index(of: total)!].status.isSuppressed
                == joint.tables[1].cells[bySex.index(of: total)!].status.isSuppressed)
        let other = try Self.oneWay("by age", population: "stock", dimension: "age", [("young", 10), ("old", 43)])
        #expect(throws: DisclosureError.linkedCellsDisagree(label: "stock | (all)", table: "by age")) {
            try JointProtection.protect([byPlacement, other], policy: exactPolicy)
        }
    }
}
