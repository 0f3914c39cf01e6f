import Foundation
import LLNCCatalogue
import LLNCProtocol
import LLNCTestSupport
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

@Suite(.timeLimit(.minutes(10)))
struct HubRulesTests {
    static func count(_ value: String?, status: Cell.Status = .published, symbol: Cell.Symbol? = nil) -> Cell {
        Cell(indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: status, value: value, symbol: symbol)
    }

    static func rate(numerator: String, denominator: String) -> Cell {
        Cell(
            indicator: "cla_rate", definitionVersion: 1, period: "2024-25", unit: .ratePer10000, status: .rounded,
            value: "84.5", numerator: numerator, denominator: denominator)
    }

    @Test(arguments: [
        (count("1"), false), (count("9"), false), (count("5", status: .rounded), false), (count("9.4", status: .perturbed), false),
        (count("0.5", status: .perturbed), false), (count("0"), true), (count("0.000"), true), (count("10"), true),
        (count("15"), true), (count("-3", status: .perturbed), true), (count(nil, status: .suppressed, symbol: .confidential), true),
        (count(nil, status: .rounded, symbol: .low), false), (rate(numerator: "455", denominator: "53850"), true),
        (rate(numerator: "7", denominator: "53850"), false), (rate(numerator: "455", denominator: "3"), false),
    ])
    func theNationalMinimumRefusesShownCountsOfOneToNine(cell: Cell, allowed: Bool) {
        let refused = (try? MinimumDisclosurePolicy.check(cell, index: 0)) == nil
        #expect(refused == !allowed)
    }

    @Test func theRefusalNamesTheFieldButNotTheValue() {
        #expect(throws: HubRejection.belowDisclosureThreshold(field: "cells[3].numerator")) {
            try MinimumDisclosurePolicy.check(Self.rate(numerator: "7", denominator: "900"), index: 3)
        }
        #expect(!HubRejection.belowDisclosureThreshold(field: "cells[3].value").problem().detail.contains("7"))
    }

    @Test func onlyPublishedCatalogueVersionsAreAccepted() throws {
        let later = CatalogueTerms(version: "2025.2", indicators: TestCatalogue.terms.indicators)
        let rules = HubRules(acceptedCatalogues: [TestCatalogue.terms, later])
        let site = try SiteID(laNumber: "353", onsCode: "E08000004")
        let id = "00000000-0000-4000-8000-000000000001"
        try rules.check(Payload(site: site, submissionID: id, sequence: 1, catalogueVersion: "2025.2", cells: []))
        #expect(throws: HubRejection.catalogueVersionUnknown(got: "2024.1", accepted: ["2025.1", "2025.2"])) {
            try rules.check(Payload(site: site, submissionID: id, sequence: 1, catalogueVersion: "2024.1", cells: []))
        }
    }
}

/// The hub refuses every cell the catalogue version it names does not define, naming the
/// cell and the field (issue: a cell for an indicator outside the catalogue was stored).
@Suite(.timeLimit(.minutes(10)))
struct CatalogueTermsTests {
    static let catalogue = try! CatalogueLoader.load(directory: TestCatalogue.repository.appendingPathComponent("protocol/catalogue"))
    static let terms = CatalogueTerms(catalogue)

    static func cell(
        _ indicator: String = "looked_after_at_31_march", version: Int = 1, period: String = "2024-25",
        breakdown: [String: String] = ["placement_type": "foster"], unit: Cell.Unit = .count
    ) -> Cell {
        Cell(
            indicator: indicator, definitionVersion: version, period: period, breakdown: breakdown, unit: unit,
            status: .rounded, value: "15", reason: "rounded:base5")
    }

    @Test(
        arguments: [
            ("a defined cell", cell(), nil),
            ("the overall figure", cell(breakdown: [:]), nil),
            ("the margin", cell(breakdown: ["placement_type": "Total"]), nil),
            ("an indicator outside the catalogue", cell("cla_starts"), "cells[7].indicator"),
            ("another definition version", cell(version: 2), "cells[7].definition_version"),
            ("another unit", cell(unit: .ratePer10000), "cells[7].unit"),
            ("a calendar year where the catalogue has a reporting year", cell(period: "2024"), "cells[7].period"),
            ("an unknown breakdown", cell(breakdown: ["ethnicity": "white"]), "cells[7].breakdown.ethnicity"),
            ("an unknown category", cell(breakdown: ["placement_type": "castle"]), "cells[7].breakdown.placement_type"),
            (
                "a breakdown of an indicator without breakdowns", cell("cin_assessments_completed", breakdown: ["age_band": "Total"]),
                "cells[7].breakdown.age_band"
            ),
            (
                "a split cell missing a dimension", cell("looked_after_at_31_march_by_age", breakdown: ["sex": "female"]),
                "cells[7].breakdown.age_band"
            ),
        ] as [(String, Cell, String?)])
    func aCellIsCheckedFieldByFieldAgainstItsCatalogueVersion(_ what: String, cell: Cell, refusedField: String?) {
        do {
            try Self.terms.check(cell, index: 7)
            #expect(refusedField == nil, "\(what) was accepted")
        } catch {
            #expect(error.field == refusedField, "\(what): \(error)")
        }
    }

    /// Every cell a node computes from the real catalogue is one the hub accepts: the node's
    /// compiler and the hub's terms read an indicator's dimensions from one place.
    @Test func aFlowMatrixCellNamesItsStatesAsTheCatalogueDefinesThem() throws {
        let flow = Cell(
            indicator: "state_transitions", definitionVersion: 1, period: "2024-25",
            breakdown: ["from_state": "looked_after", "to_state": "not_open", "age_band": "Total"],
            unit: .count, status: .rounded, value: "20")
        try Self.terms.check(flow, index: 0)
        var unknownState = flow
        unknownState.breakdown["to_state"] = "adopted_by_wolves"
        #expect(throws: CellOutsideCatalogue.self) { try Self.terms.check(unknownState, index: 0) }
    }

    @Test func termsArePublishedAsTheSameBytesAndReadBack() throws {
        let bytes = Self.terms.jsonBytes()
        #expect(CatalogueTerms(Self.catalogue).jsonBytes() == bytes)
        #expect(try JSONDecoder().decode(CatalogueTerms.self, from: bytes) == Self.terms)
        #expect(Self.terms.version == Self.catalogue.version)
    }

    @Test func theRefusalIsOneCodeWithASignedReceiptAndNothingStored() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        let outside = Cell(indicator: "not_an_indicator", definitionVersion: 1, period: "2024-25", unit: .count, status: .rounded, value: "15")
        let answer = try await hub.ingest.ingest(
            HubFixture.envelope(cells: HubFixture.cells(count: 3) + [outside]).jsonBytes())
        #expect(answer.code == "cell-not-in-catalogue")
        #expect(answer.receipt?.outcome == .rejected)
        guard case .refused(let rejection, _) = answer else { return }
        #expect(rejection.problem().status == 422)
        #expect(rejection.problem().detail.contains("cells[3].indicator"))
        #expect(try await hub.store.counts().cells == 0)
    }
}

/// Figures no real data can have are refused before they are stored, so a release can never
/// publish "England 250.0 exact".
@Suite(.timeLimit(.minutes(10)))
struct PossibleFigureTests {
    static func figure(_ unit: Cell.Unit, _ value: String?, numerator: String? = nil, denominator: String? = nil) -> Cell {
        Cell(
            indicator: "x", definitionVersion: 1, period: "2024-25", unit: unit, status: value == nil ? .suppressed : .published,
            value: value, symbol: value == nil ? .confidential : nil, numerator: numerator, denominator: denominator)
    }

    @Test(
        arguments: [
            ("a whole count", figure(.count, "145"), nil),
            ("a fractional count", figure(.count, "14.5"), "cells[0].value"),
            ("a percentage of 250", figure(.percentage, "250.0", numerator: "500", denominator: "200"), "cells[0].numerator"),
            ("a percentage above 100 without its counts", figure(.percentage, "100.1"), "cells[0].value"),
            ("a negative percentage", figure(.percentage, "-1.0"), "cells[0].value"),
            ("a percentage its counts give", figure(.percentage, "52.2", numerator: "120", denominator: "230"), nil),
            ("a percentage its rounded counts allow", figure(.percentage, "50.0", numerator: "10", denominator: "25"), nil),
            ("a percentage its counts contradict", figure(.percentage, "90.0", numerator: "120", denominator: "230"), "cells[0].value"),
            ("a denominator of 0", figure(.percentage, "0.0", numerator: "0", denominator: "0"), "cells[0].denominator"),
            ("a fractional numerator", figure(.percentage, "50.0", numerator: "10.5", denominator: "21"), "cells[0].numerator"),
            ("a rate its counts give", figure(.ratePer10000, "84.5", numerator: "455", denominator: "53850"), nil),
            ("a rate its counts contradict", figure(.ratePer10000, "150.0", numerator: "455", denominator: "53850"), "cells[0].value"),
            ("a negative rate", figure(.ratePer10000, "-4.0"), "cells[0].value"),
            ("negative money", figure(.gbpPerWeek, "-1250.00"), "cells[0].value"),
            ("money", figure(.gbpPerWeek, "1250.00"), nil),
            ("negative days", figure(.days, "-3"), "cells[0].value"),
            ("a withheld figure", figure(.percentage, nil), nil),
        ] as [(String, Cell, String?)])
    func impossibleFiguresAreRefusedByField(_ what: String, cell: Cell, refusedField: String?) {
        do {
            try PossibleFigure.check(cell, index: 0)
            #expect(refusedField == nil, "\(what) was accepted")
        } catch {
            guard case .figureImpossible(let field, _) = error else {
                Issue.record("\(what): \(error)")
                return
            }
            #expect(field == refusedField, "\(what): \(error)")
        }
    }

    @Test func aRateSentAsACountIsRefusedByTheCatalogue() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        let asCount = Cell(indicator: "looked_after_rate", definitionVersion: 1, period: "2024-25", unit: .count, status: .rounded, value: "150")
        let answer = try await hub.ingest.ingest(HubFixture.envelope(cells: [asCount]).jsonBytes())
        #expect(answer.code == "cell-not-in-catalogue")
    }
}

@Suite(.timeLimit(.minutes(10)))
struct CataloguePublishingTests {
    @Test func aHubPublishesCatalogueVersionsOnceEachWithTheirTermsAndAcceptsNothingBefore() throws {
        let dir = try TemporaryDirectory("llnc-publish")
        defer { dir.remove() }
        #expect(HubConfiguration(hubDirectory: dir.url).acceptedCatalogueVersions.isEmpty)
        #expect(try HubConfiguration.catalogueVersions(in: dir.url) == nil)
        let first = CatalogueTerms(version: "aa", indicators: [:])
        let second = CatalogueTerms(version: "bb", indicators: TestCatalogue.terms.indicators)
        #expect(try HubConfiguration.publish(first, in: dir.url))
        #expect(try HubConfiguration.publish(second, in: dir.url))
        #expect(try !HubConfiguration.publish(first, in: dir.url))
        #expect(try HubConfiguration.catalogueVersions(in: dir.url) == ["aa", "bb"])
        #expect(try HubConfiguration.catalogueTerms(versions: ["aa", "bb"], in: dir.url) == [first, second])
    }

    @Test func anAcceptedVersionWithoutItsTermsStopsTheHubWithTheFix() throws {
        let dir = try TemporaryDirectory("llnc-publish")
        defer { dir.remove() }
        #expect(throws: HubConfigurationError.self) { try HubConfiguration.catalogueTerms(versions: ["cc"], in: dir.url) }
        do { _ = try HubConfiguration.catalogueTerms(versions: ["cc"], in: dir.url) } catch {
            #expect(error.description.contains("llnc-hub catalogue publish"))
        }
    }
}
