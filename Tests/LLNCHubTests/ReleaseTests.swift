import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LLNCCatalogue
import LLNCComparison
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// Releases from real ingested cells, the real catalogue and the reference data in
/// hub/reference: stored immutably, served by the query API, exported as valid EES files.
@Suite(.timeLimit(.minutes(10)))
struct ReleaseTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalogue = try! CatalogueLoader.load(directory: repository.appendingPathComponent("protocol/catalogue"))
    static let rochdaleKey = try! SigningKeyPair(seed: [UInt8](repeating: 9, count: 32))

    static func cells(_ total: Int, foster: Int, rereferrals: (Int, Int)) -> [Cell] {
        [
            Cell(
                indicator: "looked_after_at_31_march", definitionVersion: 1, period: "2024-25", unit: .count, status: .rounded,
                value: String(total), reason: "rounded:base5"),
            Cell(
                indicator: "looked_after_at_31_march", definitionVersion: 1, period: "2024-25", breakdown: ["placement_type": "foster"],
                unit: .count, status: .rounded, value: String(foster), reason: "rounded:base5"),
            Cell(
                indicator: "looked_after_at_31_march", definitionVersion: 1, period: "2024-25", breakdown: ["placement_type": "residential"],
                unit: .count, status: .suppressed, symbol: .confidential, reason: "primary:threshold"),
            Cell(
                indicator: "cin_rereferrals_within_12_months", definitionVersion: 1, period: "2024-25", unit: .percentage,
                status: .published, value: String(format: "%.1f", 100 * Double(rereferrals.0) / Double(rereferrals.1)),
                numerator: String(rereferrals.0), denominator: String(rereferrals.1)),
        ]
    }

    /// Oldham and Rochdale enrolled, each with one submission of 2024-25 cells.
    static func hub(synthetic: Bool = false, store: (any HubStorage)? = nil) async throws -> (HubFixture, HubConfiguration) {
        let hub = try HubFixture(store: store)
        try await hub.enrol()
        try await hub.enrol(HubFixture.rochdale, key: rochdaleKey)
        _ = try await hub.ingest.ingest(HubFixture.envelope(cells: cells(520, foster: 400, rereferrals: (210, 1000))).jsonBytes())
        _ = try await hub.ingest.ingest(
            HubFixture.envelope(
                site: HubFixture.rochdale, key: rochdaleKey, submissionID: "00000000-0000-4000-8000-000000000354",
                cells: cells(480, foster: 350, rereferrals: (150, 900))
            ).jsonBytes())
        #expect(try await hub.store.counts().submissions == 2)
        var configuration = hub.configuration
        configuration.acceptedCatalogues += [CatalogueTerms(catalogue)]
        configuration.catalogueDirectory = repository.appendingPathComponent("protocol/catalogue")
        configuration.referenceDirectory = repository.appendingPathComponent("hub/reference")
        configuration.syntheticData = synthetic
        return (hub, configuration)
    }

    /// On every store kind: a release, its documents and the ledger refuse any change.
    @Test(arguments: StoreKind.underTest)
    func aReleaseIsStoredWithItsLedgerAndNeverChanges(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let (hub, configuration) = try await Self.hub(store: under.store)
            let maker = ReleaseMaker(store: hub.store, configuration: configuration, clock: hub.clock)
            let first = try await maker.release(period: "2024-25")
            #expect(first.id == "2024-25.1" && first.published > 0)
            let ledger = try await hub.store.ledger()
            #expect(ledger.count == first.published && ledger.allSatisfy { $0.releaseID == first.id })
            let second = try await maker.release(period: "2024-25")
            #expect(second.id == "2024-25.2")
            #expect(try await hub.store.currentRelease(period: "2024-25")?.id == "2024-25.2")
            let documents = try await hub.store.releasedDocuments(releaseID: second.id, kind: .comparison)
            #expect(!documents.isEmpty)
            #expect(try await hub.store.releasedDocument(releaseID: second.id, kind: .comparison, key: documents[0].key) == documents[0].json)
            for sql in ["UPDATE release SET withheld = 0", "DELETE FROM released_document", "UPDATE ledger_entry SET release_id = release_id"] {
                let error = await #expect(throws: (any Error).self) { try await under.execute(sql) }
                #expect(String(reflecting: error as Any).contains("immutable"))
            }
            let length = try await hub.store.ledger().count
            #expect(try await hub.store.storeRelease(second, documents: [], ledger: [], ledgerLength: length - 1) == false)
            await #expect(throws: (any Error).self) {
                try await hub.store.storeRelease(second, documents: [], ledger: [], ledgerLength: length)
            }
            #expect(try await hub.store.releases().map(\.id) == ["2024-25.1", "2024-25.2"])
        }
    }

    @Test func aReleasePlannedBeforeTheLedgerGrewIsNotStored() async throws {
        let (hub, configuration) = try await Self.hub()
        _ = try await ReleaseMaker(store: hub.store, configuration: configuration, clock: hub.clock).release(period: "2024-25")
        let grown = try await hub.store.ledger().count
        let stale = ReleaseRecord(
            id: "2024-25.9", period: "2024-25", releasedAt: HubFixture.now, catalogueVersions: [], synthetic: false, published: 0, withheld: 0)
        #expect(try await hub.store.storeRelease(stale, documents: [], ledger: [], ledgerLength: grown - 1) == false)
        #expect(try await hub.store.releases().map(\.id) == ["2024-25.1"])
    }

    @Test func aPeriodNobodySentIsNotReleased() async throws {
        let (hub, configuration) = try await Self.hub()
        await #expect(throws: QueryError.self) {
            try await ReleaseMaker(store: hub.store, configuration: configuration, clock: hub.clock).release(period: "2019-20")
        }
        #expect(try await hub.store.releases().isEmpty)
    }

    @Test func theAPIServesTheReleasedComparisonProfileAndSeries() async throws {
        let (hub, configuration) = try await Self.hub()
        _ = try await ReleaseMaker(store: hub.store, configuration: configuration, clock: hub.clock).release(period: "2024-25")
        let token = try await TokenIssuer(store: hub.store, clock: hub.clock).create(role: .analyst, name: "a").0.description
        let app = buildApplication(
            configuration: configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
        try await app.test(.router) { client in
            func get(_ uri: String) async throws -> (HTTPResponse.Status, String) {
                try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    ($0.status, String(buffer: $0.body))
                }
            }
            let (status, body) = try await get("/v1/comparisons/looked_after_at_31_march/2024-25")
            #expect(status == .ok)
            #expect(body.contains(#""la_number":"353""#) && body.contains(#""la_number":"354""#) && body.contains(#""release_id":"2024-25.1""#))
            let (broken, byPlacement) = try await get("/v1/comparisons/looked_after_at_31_march/2024-25?breakdown=placement_type=foster")
            #expect(broken == .ok && byPlacement.contains(#""placement_type":"foster""#))
            let (regional, northWest) = try await get("/v1/comparisons/looked_after_at_31_march/2024-25?region=E12000002")
            #expect(regional == .ok && northWest.contains(#""la_number":"353""#))
            #expect(try await get("/v1/comparisons/looked_after_at_31_march/2024-25?region=E99999999").0 == .badRequest)
            #expect(try await get("/v1/comparisons/looked_after_at_31_march/2024-25?neighbours_of=353").0 == .ok)
            #expect(try await get("/v1/comparisons/no_such_indicator/2024-25").0 == .notFound)
            #expect(try await get("/v1/comparisons/looked_after_at_31_march/2019-20").0 == .notFound)
            let (profileStatus, profile) = try await get("/v1/sites/353/profile")
            #expect(profileStatus == .ok)
            let decoded = try JSONDecoder().decode(SiteProfile.self, from: Data(profile.utf8))
            #expect(decoded.rows.contains { $0.indicator == "looked_after_at_31_march" && $0.site.value == "520" })
            let (seriesStatus, series) = try await get("/v1/series/cin_rereferrals_within_12_months?site=353")
            #expect(seriesStatus == .ok && series.contains(#""period":"2024-25""#))
            let (indicatorStatus, indicator) = try await get("/v1/indicators/looked_after_at_31_march")
            #expect(indicatorStatus == .ok && indicator.contains(#""periods":["2024-25"]"#))
        }
    }

    @Test func aSeriesJoinsTheNewestReleaseOfEachPeriodAndGivesTheChangeSinceABaseline() async throws {
        let (hub, configuration) = try await Self.hub()
        let earlier = Self.cells(500, foster: 390, rereferrals: (200, 1000)).map { cell in
            var cell = cell
            cell.period = "2023-24"
            return cell
        }
        _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: 2, cells: earlier).jsonBytes())
        let maker = ReleaseMaker(store: hub.store, configuration: configuration, clock: hub.clock)
        _ = try await maker.release(period: "2023-24")
        _ = try await maker.release(period: "2024-25")
        let series = try await PublishedFigures(store: hub.store, synthetic: false)
            .series(indicator: "looked_after_at_31_march", breakdown: "", site: "353", baseline: "2023-24")
        #expect(series.points.map(\.period) == ["2023-24", "2024-25"])
        #expect(series.points.map { $0.site?.value } == ["500", "520"])
        // Both rounded to base 5: 498...502 then 518...522, so the change is 16...24, never a point.
        let change = try #require(series.changeSite)
        #expect(change.difference == nil && change.bounds == Bounds(lower: 16, upper: 24))
        await #expect(throws: QueryError.self) {
            try await PublishedFigures(store: hub.store, synthetic: false)
                .series(indicator: "looked_after_at_31_march", breakdown: "", site: "353", baseline: "2019-20")
        }
    }

    @Test func anOperatorReleasesOverTheAPIAndOpenDataIsServed() async throws {
        let (hub, configuration) = try await Self.hub()
        let operatorToken = try await TokenIssuer(store: hub.store, clock: hub.clock).create(role: .operator, name: "ops").0.description
        let app = buildApplication(
            configuration: configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
        try await app.test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(operatorToken)"]
            try await client.execute(uri: "/v1/releases?period=2024-25", method: .post, headers: headers) { response in
                #expect(response.status == .created)
                #expect(String(buffer: response.body).contains(#""id":"2024-25.1""#))
            }
            try await client.execute(uri: "/v1/releases", method: .post, headers: headers) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/releases", method: .get, headers: headers) { response in
                #expect(String(buffer: response.body).contains(#""period":"2024-25""#))
            }
            let files = try await client.execute(uri: "/v1/open-data", method: .get, headers: headers) { String(buffer: $0.body) }
            #expect(files.contains("looked_after_at_31_march.meta.csv"))
            let data = try await client.execute(uri: "/v1/open-data/looked_after_at_31_march.csv", method: .get, headers: headers) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
                return String(buffer: response.body)
            }
            let meta = try await client.execute(uri: "/v1/open-data/looked_after_at_31_march.meta.csv", method: .get, headers: headers) {
                String(buffer: $0.body)
            }
            #expect(ExploreEducationStatisticsRules.violations(data: data, meta: meta).isEmpty)
            try await client.execute(uri: "/v1/open-data/nothing.csv", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test(arguments: [false, true])
    func theOpenDataExportFollowsTheEESRules(synthetic: Bool) async throws {
        let (hub, configuration) = try await Self.hub(synthetic: synthetic)
        _ = try await ReleaseMaker(store: hub.store, configuration: configuration, clock: hub.clock).release(period: "2024-25")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-export-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try await OpenDataExport(store: hub.store, configuration: configuration).write(to: folder)
        #expect(files.contains("looked_after_at_31_march.csv") && files.contains("looked_after_at_31_march.meta.csv"))
        for name in files where name.hasSuffix(".csv") && !name.hasSuffix(".meta.csv") {
            let base = String(name.dropLast(4))
            let data = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let meta = try String(contentsOf: folder.appendingPathComponent("\(base).meta.csv"), encoding: .utf8)
            let problems = ExploreEducationStatisticsRules.violations(data: data, meta: meta, synthetic: synthetic)
            #expect(problems.isEmpty, "\(name): \(problems)")
            #expect(data.contains("National") && data.contains("Local authority") && data.contains("E08000004"))
        }
        let guidance = try String(contentsOf: folder.appendingPathComponent("data-guidance.md"), encoding: .utf8)
        #expect(guidance.contains("SYNTHETIC") == synthetic)
        let table = try String(contentsOf: folder.appendingPathComponent("looked_after_at_31_march.csv"), encoding: .utf8)
        // Rochdale's and Oldham's suppressed residential cells are shown as `c`, never a number.
        let residential = ExploreEducationStatisticsRules.parse(table).filter { $0.contains("residential") && $0.contains("Local authority") }
        #expect(residential.count == 2 && residential.allSatisfy { $0.contains("c") })
    }
}

/// `llnc-hub comparisons show`: the terminal table the demo prints.
@Suite(.timeLimit(.minutes(10)))
struct ComparisonsViewTests {
    @Test func theTableShowsEachSiteAndEnglandWithStatuses() async throws {
        let (hub, configuration) = try await ReleaseTests.hub(synthetic: true)
        _ = try await ReleaseMaker(store: hub.store, configuration: configuration, clock: hub.clock).release(period: "2024-25")
        let text = try await ComparisonsView(store: hub.store).text(
            period: "2024-25", indicators: ["looked_after_at_31_march", "cin_rereferrals_within_12_months"])
        #expect(text.hasPrefix("SYNTHETIC DATA"))
        #expect(text.contains("release 2024-25.1"))
        for expected in ["England", "353 Oldham", "354 Rochdale", "520", "480", "rounded", "published"] {
            #expect(text.contains(expected), "\(expected) missing from:\n\(text)")
        }
        await #expect(throws: QueryError.self) { try await ComparisonsView(store: hub.store).text(period: "2019-20", indicators: []) }
        if ProcessInfo.processInfo.environment["LLNC_SHOW"] != nil { print(text) }
    }
}
