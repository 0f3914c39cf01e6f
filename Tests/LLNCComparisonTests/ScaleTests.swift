import LLNCCatalogue
import LLNCComparison
import LLNCProtocol
import Testing

/// A national release at full size: every authority with a 2025 neighbour group (153), every
/// catalogue indicator with all its breakdown cells, two years (five years, 268,515 cells, plan
/// in about a minute in a debug build), with one cell in 997 held at the hub so the LP runs.
/// Checks the plan is complete and the solver never failed.
@Suite(.timeLimit(.minutes(10)))
struct ScaleTests {
    @Test func aFullNationalReleasePlansEveryComparison() throws {
        let catalogue = try Fixtures.catalogue()
        let reference = try Fixtures.reference()
        let sites = reference.neighbours2025.keys.sorted()
        var random = SplitMix(seed: 7)
        var cells: [SiteCell] = []
        var expected = Set<String>()
        for site in sites {
            for year in 2023..<2025 {
                let period = "\(year)-\(String(year + 1).suffix(2))"
                for indicator in catalogue.indicators {
                    for (breakdown, value) in Synthetic.table(indicator, catalogue: catalogue, random: &random) {
                        expected.insert("\(indicator.id)/\(period)/\(breakdown.sorted { $0.key < $1.key })")
                        cells.append(Synthetic.cell(site, indicator, period: period, breakdown: breakdown, value: value, random: &random))
                    }
                }
            }
        }
        // A few figures the hub holds without releasing, so the LP runs for their groups.
        for i in stride(from: 0, to: cells.count, by: 997) { cells[i].releasable = false }
        let plan = try ReleasePlanner.plan(
            ReleaseRequest(
                release: "scale", plannedAt: "2026-01-01T00:00:00Z", indicators: catalogue.indicators, breakdowns: catalogue.breakdowns,
                cells: cells, enrolled: sites, reference: reference, ledger: []))
        #expect(plan.comparisons.count == expected.count)
        #expect(!plan.withheld.contains { $0.reason == "withheld:solver" })
        #expect(plan.comparisons.allSatisfy { $0.england.completeness.expected == sites.count })
    }
}

/// Plausible site tables: leaf counts drawn at random, margins that add up, small counts
/// suppressed, percentages and rates with their numerators and denominators.
enum Synthetic {
    static func table(_ indicator: Indicator, catalogue: Catalogue, random: inout SplitMix) -> [([String: String], Double)] {
        let dimensions = indicator.breakdowns.compactMap { catalogue.breakdown($0) }
        var leafValues: [[String]: Double] = [:]
        let leafVectors = dimensions.reduce([[String]]([[]])) { acc, d in acc.flatMap { v in d.leaves.map { v + [$0] } } }
        for v in leafVectors { leafValues[v] = Double(random.next() % 60) }
        func under(_ d: Breakdown, _ value: String) -> Set<String> {
            if value == "Total" { return Set(d.leaves) }
            if d.groups.contains(value) { return Set(d.leaves.filter { d.groupOf[$0] == value }) }
            return [value]
        }
        let allValues = dimensions.map { d in ["Total"] + d.groups + d.leaves }
        let vectors = allValues.reduce([[String]]([[]])) { acc, values in acc.flatMap { v in values.map { v + [$0] } } }
        return vectors.map { vector in
            let sets = zip(dimensions, vector).map { under($0, $1) }
            let value = leafValues.filter { leaf, _ in zip(leaf, sets).allSatisfy { $1.contains($0) } }.values.reduce(0, +)
            var breakdown: [String: String] = [:]
            for (d, v) in zip(dimensions, vector) { breakdown[d.name] = v }
            return (vector.allSatisfy { $0 == "Total" } ? [:] : breakdown, dimensions.isEmpty ? Double(random.next() % 500) : value)
        }
    }

    static func cell(_ site: String, _ indicator: Indicator, period: String, breakdown: [String: String], value: Double, random: inout SplitMix)
        -> SiteCell
    {
        func text(_ x: Double) -> String { String(Int(x)) }
        var cell = Cell(
            indicator: indicator.id, definitionVersion: indicator.version, period: period, breakdown: breakdown,
            unit: indicator.unit, status: .published)
        switch indicator.unit {
        case .count:
            if value > 0 && value < 10 {
                cell.status = .suppressed
                cell.symbol = .confidential
                cell.reason = "primary:threshold"
            } else {
                cell.value = text(value)
            }
        case .percentage, .ratePer10000:
            let denominator = Double(200 + random.next() % 5000)
            let numerator = Double(random.next() % 150)
            if numerator < 10 {
                cell.status = .suppressed
                cell.symbol = .confidential
                cell.reason = "percentage:minimum"
            } else {
                let scale = indicator.unit == .percentage ? 100.0 : 10_000.0
                cell.value = String(Int((scale * numerator / denominator).rounded()))
                cell.numerator = text(numerator)
                cell.denominator = text(denominator)
            }
        case .gbp, .gbpPerWeek, .days:
            cell.value = String(500 + random.next() % 3000)
        }
        return SiteCell(site: site, cell: cell, vintage: 1)
    }
}

/// A small deterministic generator, so the synthetic release is the same every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
