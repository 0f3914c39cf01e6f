import Testing

@testable import LLNCCatalogue

/// Entries that could make a node output rows, identifiers or raw dates are refused at load,
/// with an error naming the file, the indicator, the field and a fix.
@Suite(.timeLimit(.minutes(10)))
struct CatalogueRejectionTests {
    private func rejection(_ indicator: String, extraBreakdowns: String = "") throws -> CatalogueError {
        CatalogueFixtures.rejection(try CatalogueFixtures.withIndicator(indicator, extraBreakdowns: extraBreakdowns))
    }

    @Test func aDefinitionWithoutAnAggregateIsRejected() throws {
        let error = try rejection(
            CatalogueFixtures.count(
                definition: """
                          source: cla_episode
                          population: records
                    """))
        #expect(error.file == "test.yaml" && error.indicator == "test_indicator" && error.field == "definition.measure")
        #expect(error.description.contains("list rows"))
    }

    @Test func aMeasureThatListsRowsIsRejected() throws {
        let error = try rejection(
            CatalogueFixtures.count(
                definition: """
                          source: cla_episode
                          population: records
                          measure: rows
                    """))
        #expect(error.field == "definition.measure")
        #expect(error.fix.contains("cannot list rows"))
    }

    @Test func selectingColumnsIsRejected() throws {
        let error = try rejection(
            CatalogueFixtures.count(
                definition: """
                          source: cla_episode
                          population: records
                          measure: events
                          select: [child, decom]
                    """))
        #expect(error.field == "definition.select")
        #expect(error.problem.contains("always groups"))
    }

    @Test func aBreakdownOnAnIdentifierIsRejected() throws {
        let error = try rejection(
            CatalogueFixtures.count(
                breakdowns: "[by_child]",
                definition: """
                          source: cla_episode
                          population: records
                          measure: events
                    """),
            extraBreakdowns: "  by_child:\n    field: child\n    categories: {one: ['x']}\n    otherwise: rest\n")
        #expect(error.field == "breakdowns[0]")
        #expect(error.problem.contains("identifier is never selected"))
    }

    @Test func aRawDateAsABreakdownIsRejected() throws {
        let error = try rejection(
            CatalogueFixtures.count(
                breakdowns: "[by_start]",
                definition: """
                          source: cla_episode
                          population: records
                          measure: events
                    """),
            extraBreakdowns: "  by_start:\n    field: decom\n    categories: {early: ['2024-04-01']}\n    otherwise: later\n")
        #expect(error.problem.contains("raw date is never output"))
    }

    @Test func aRawDateAsTheAggregatedValueIsRejected() throws {
        let error = try rejection(
            """
              - id: test_indicator
                title: T
                description: T
                purpose: T
                practice: [data]
                unit: days
                polarity: neither
                period: reporting_year
                disclosure: {class: magnitude}
                version: 1
                definition:
                  source: cla_episode
                  population: records
                  measure: median
                  value: decom
            """)
        #expect(error.field == "definition.value")
        #expect(error.problem.contains("raw date"))
    }

    @Test func unknownSourcesFieldsAndCodesAreRejected() throws {
        let unknownSource = try rejection(
            CatalogueFixtures.count(
                definition: """
                          source: children_table
                          population: records
                          measure: events
                    """))
        #expect(unknownSource.field == "definition.source")
        let unknownField = try rejection(
            CatalogueFixtures.count(
                definition: """
                          source: cla_episode
                          population: records
                          filters:
                            - {field: postcode, in: [X]}
                          measure: events
                    """))
        #expect(unknownField.field == "definition.filters[0]" && unknownField.problem.contains("does not declare"))
        let unknownCode = try rejection(
            CatalogueFixtures.count(
                definition: """
                          source: cla_episode
                          population: records
                          filters:
                            - {field: rne, in: [Q]}
                          measure: events
                    """))
        #expect(unknownCode.problem.contains("`Q` is not a code"))
    }

    @Test func freeTextCannotBeReadAtAll() throws {
        let error = try rejection(
            CatalogueFixtures.count(
                definition: """
                          source: cla_episode
                          population: records
                          filters:
                            - {field: home_district, missing: false}
                          measure: events
                    """))
        #expect(error.problem.contains("free text"))
    }

    @Test func aBreakdownThatLeavesCodesUncategorisedIsRejected() throws {
        let error = try rejection(
            CatalogueFixtures.count(
                breakdowns: "[part_of_legal_status]",
                definition: """
                          source: cla_episode
                          population: records
                          measure: events
                    """),
            extraBreakdowns: "  part_of_legal_status:\n    field: ls\n    categories: {care_order: [C1, C2]}\n")
        #expect(error.problem.contains("would not add up to Total"))
        #expect(error.fix.contains("otherwise"))
    }
}
