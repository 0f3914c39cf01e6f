import Foundation
import LLNCProtocol
import Testing
@testable import LLNCHub

@Suite(.timeLimit(.minutes(10)))
struct HubRulesTests {
    static func count(_ value: String?, status: Cell.Status = .published, symbol: Cell.Symbol? = nil) -> Cell {
        Cell(indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: status, value: value, symbol: symbol)
    }

    static func rate(numerator: String, denominator: String) -> Cell {
        Cell(indicator: "cla_rate", definitionVersion: 1, period: "2024-25", unit: .ratePer10000, status: .rounded,
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
        let rules = HubRules(acceptedCatalogueVersions: ["2025.1", "2025.2"])
        let site = try SiteID(laNumber: "353", onsCode: "E08000004")
        let id = "00000000-0000-4000-8000-000000000001"
        try rules.check(Payload(site: site, submissionID: id, sequence: 1, catalogueVersion: "2025.2", cells: []))
        #expect(throws: HubRejection.catalogueVersionUnknown(got: "2024.1", accepted: ["2025.1", "2025.2"])) {
            try rules.check(Payload(site: site, submissionID: id, sequence: 1, catalogueVersion: "2024.1", cells: []))
        }
    }
}

@Suite(.timeLimit(.minutes(10)))
struct CataloguePublishingTests {
    @Test func aHubPublishesCatalogueVersionsOnceEachAndAcceptsNothingBefore() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(HubConfiguration(hubDirectory: dir).acceptedCatalogueVersions.isEmpty)
        #expect(try HubConfiguration.catalogueVersions(in: dir) == nil)
        #expect(try HubConfiguration.publish(catalogueVersion: "aa", in: dir))
        #expect(try HubConfiguration.publish(catalogueVersion: "bb", in: dir))
        #expect(try !HubConfiguration.publish(catalogueVersion: "aa", in: dir))
        #expect(try HubConfiguration.catalogueVersions(in: dir) == ["aa", "bb"])
    }
}
