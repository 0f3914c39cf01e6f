import Testing

@testable import LLNCDisclosure

/// Bad tables fail with an error that names the cell; none is ever protected "safely".
@Suite(.timeLimit(.minutes(10)))
struct BadInputTests {
    let category = try! Dimension(name: "category", values: ["a", "b"])

    @Test func aMarginThatDoesNotAddUpNamesTheMargin() {
        #expect(throws: DisclosureError.doesNotAddUp(table: "t", cell: CellKey("Total"), stated: 20, sumOfParts: 15)) {
            try Table.frequency(name: "t", dimensions: [category], counts: [CellKey("a"): 5, CellKey("b"): 10, CellKey("Total"): 20])
        }
    }

    @Test func aNegativeCountNamesTheCell() {
        #expect(throws: DisclosureError.negativeValue(table: "t", cell: CellKey("b"), value: -1)) {
            try Table.frequency(name: "t", dimensions: [category], counts: [CellKey("a"): 5, CellKey("b"): -1])
        }
    }

    @Test func anUnknownDimensionValueNamesTheCell() {
        #expect(throws: DisclosureError.unknownDimensionValue(table: "t", dimension: "category", value: "c", cell: CellKey("c"))) {
            try Table.frequency(name: "t", dimensions: [category], counts: [CellKey("a"): 5, CellKey("c"): 1])
        }
    }

    @Test func aMissingLeafIsNotTakenAsZero() {
        #expect(throws: DisclosureError.missingCell(table: "t", cell: CellKey("b"))) {
            try Table.frequency(name: "t", dimensions: [category], counts: [CellKey("a"): 5])
        }
    }

    @Test func anEmptyTableIsAnError() {
        #expect(throws: DisclosureError.emptyTable(table: "t")) {
            try Table.frequency(name: "t", dimensions: [category], counts: [:])
        }
    }

    @Test func magnitudeMarginsMustComeWithTheirContributors() {
        let contributors = Contributors(count: 20, largest: [10, 9])
        #expect(throws: DisclosureError.missingCell(table: "costs", cell: CellKey("Total"))) {
            try Table.magnitude(
                name: "costs", dimensions: [category],
                cells: [CellKey("a"): (100, contributors), CellKey("b"): (120, contributors)])
        }
    }

    @Test func aValueWithTwoParentsIsAnInvalidHierarchy() {
        #expect(throws: DisclosureError.self) {
            try Dimension(name: "site", root: "England", children: ["England": ["NW", "SE"], "NW": ["Oldham"], "SE": ["Oldham"]])
        }
    }

    @Test func aPolicyThatDisablesTheThresholdIsRejected() {
        var policy = Policy()
        policy.threshold = 0
        #expect(throws: DisclosureError.invalidPolicy(reason: "threshold must be 1 or more (it is 0)")) {
            try rowTable([3, 40]).protected(by: policy)
        }
    }

    @Test func everyErrorSaysWhatToDo() {
        let error = DisclosureError.doesNotAddUp(table: "t", cell: CellKey("Total", "0-4"), stated: 20, sumOfParts: 15)
        #expect(error.description.contains("(Total, 0-4)") && error.description.contains("correct"))
    }
}

/// An attack on publications that contradict each other fails closed instead of reporting
/// a safe-looking interval.
@Suite(.timeLimit(.minutes(10)))
struct FailClosedTests {
    @Test func inconsistentPublishedFiguresAreASolverFailureNotAnInterval() {
        var knowledge = AttackerKnowledge()
        let total = knowledge.learn(label: "Total", lower: 10, upper: 10, isSuppressed: false)
        let a = knowledge.learn(label: "a", lower: 3, upper: 3, isSuppressed: false)
        let b = knowledge.learn(label: "b", lower: 3, upper: 3, isSuppressed: false)
        let c = knowledge.learn(label: "c", lower: 0, upper: 2, isSuppressed: true)
        knowledge.learn(Relation(parent: total, children: [a, b, c]))
        #expect(throws: DisclosureError.solverFailed(stage: "the attack: published values are inconsistent", code: -1)) {
            try Attacker.attack(knowledge)
        }
    }
}
