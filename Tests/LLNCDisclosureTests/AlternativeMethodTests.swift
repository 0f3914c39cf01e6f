import Testing

@testable import LLNCDisclosure

/// Cell-key perturbation, the threshold-impact report and the policy file.
@Suite(.timeLimit(.minutes(10)))
struct AlternativeMethodTests {
    @Test(arguments: [(2, 1.0), (3, 2.0), (5, 4.0)] as [(Int, Double)])
    func perturbationRowsHaveMeanZeroAndTheRequestedVariance(deviation: Int, variance: Double) throws {
        let table = try PerturbationTable(maximumDeviation: deviation, variance: variance)
        for count in [deviation, deviation + 10] {
            let row = table.distribution(count: count)
            let mean = row.reduce(0) { $0 + Double($1.noise) * $1.probability }
            let second = row.reduce(0) { $0 + Double($1.noise * $1.noise) * $1.probability }
            #expect(abs(mean) < 1e-6)
            #expect(abs(second - variance) < 1e-3)
            #expect(row.allSatisfy { abs($0.noise) <= deviation })
        }
        #expect(table.distribution(count: 0).map(\.noise) == [0], "zeros are never perturbed")
        #expect(table.distribution(count: 1).allSatisfy { $0.noise >= -1 }, "no count goes below zero")
    }

    @Test func theSameRecordsAlwaysGetTheSameNoise() throws {
        let method = try CellKeyPerturbation(table: PerturbationTable(maximumDeviation: 3, variance: 2))
        let records: [UInt32] = [17, 201, 99, 5, 250, 13, 77, 140, 3, 66, 31, 8]
        let key = method.cellKey(recordKeys: records)
        #expect(key == method.cellKey(recordKeys: records.reversed()))
        #expect(key == UInt32(records.reduce(0) { $0 + Int($1) } % 256))
        #expect(method.perturb(count: records.count, cellKey: key) == method.perturb(count: records.count, cellKey: key))
        #expect(abs(method.perturb(count: records.count, cellKey: key) - records.count) <= 3)
    }

    @Test func aPerturbedTableKeysMarginsFromAllTheirRecords() throws {
        let method = try CellKeyPerturbation(table: PerturbationTable(maximumDeviation: 2, variance: 1))
        let table = try rowTable([3, 2])
        let cells = try table.perturbed(by: method, recordKeys: [CellKey("c0"): [10, 20, 30], CellKey("c1"): [200, 100]])
        #expect(cells.allSatisfy { $0.status == .perturbed })
        let totalKey = method.cellKey(recordKeys: [10, 20, 30, 200, 100])
        #expect(cells[0].value == Double(method.perturb(count: 5, cellKey: totalKey)))
        #expect(throws: DisclosureError.doesNotAddUp(table: "row", cell: CellKey("c1"), stated: 2, sumOfParts: 1)) {
            try table.perturbed(by: method, recordKeys: [CellKey("c0"): [10, 20, 30], CellKey("c1"): [200]])
        }
    }

    @Test func thresholdImpactShowsWhatEachPolicyWithholds() throws {
        var five = Policy()
        five.threshold = 5
        let table = try rowTable([3, 7, 12, 40, 55])
        let impact = try ThresholdImpact(table: table, first: .default, second: five)
        #expect(impact.first.primary == 2 && impact.second.primary == 1)
        #expect(impact.suppressedOnlyByFirst.contains(CellKey("c1")))
        #expect(impact.suppressedOnlyBySecond.isEmpty || impact.second.secondary > 0)
    }
}
