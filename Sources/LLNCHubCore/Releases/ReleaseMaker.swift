import Foundation
import LLNCCatalogue
import LLNCComparison
import LLNCProtocol

/// Plans a release of one period from every site's current cells of that period, with the
/// catalogue the hub publishes, the reference data and the ledger of everything released
/// before; then stores it, its documents and its new ledger entries in one transaction.
///
/// A release covers one period. Earlier periods keep the figures of their own newest release;
/// the ledger holds them all, so the re-check sees this period against every earlier one.
public struct ReleaseMaker: Sendable {
    public let store: any (HubStore & ReleaseStore)
    public let configuration: HubConfiguration
    public let clock: @Sendable () -> Int64

    public init(
        store: any (HubStore & ReleaseStore), configuration: HubConfiguration,
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
    ) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
    }

    public func release(period: String) async throws -> ReleaseRecord {
        guard period.range(of: "^[0-9]{4}-[0-9]{2}$", options: .regularExpression) != nil else {
            throw QueryError.badParameter(name: "period", reason: "must be written like 2024-25")
        }
        let catalogue = try ReleaseSources.catalogue(configuration)
        let reference = try ReleaseSources.reference(configuration)
        let sites = try await store.sites()
        var cells: [SiteCell] = []
        for site in sites {
            for stored in try await store.currentCells(laNumber: site.laNumber) where stored.cell.period == period {
                cells.append(SiteCell(site: site.laNumber, cell: stored.cell, vintage: stored.vintage, releasable: site.status == .active))
            }
        }
        guard !cells.isEmpty else {
            throw QueryError.notFound(what: "no site has sent cells for period \(period); nothing to release")
        }
        let decoder = JSONDecoder()
        let ledger = try await store.ledger().map { try decoder.decode(LedgerEntry.self, from: Data($0.json)) }
        let earlier = try await store.releases().filter { $0.period == period }.count
        let id = "\(period).\(earlier + 1)"
        let now = clock()
        let planned: PlannedRelease
        do {
            planned = try ReleasePlanner.plan(
                ReleaseRequest(
                    release: id, plannedAt: Timestamp.format(now), indicators: catalogue.indicators, breakdowns: catalogue.breakdowns,
                    cells: cells,
                    enrolled: sites.filter { $0.status == .active }.map(\.laNumber), reference: reference, ledger: ledger,
                    identities: catalogue.identities))
        } catch {
            throw QueryError.releaseFailed(reason: String(describing: error))
        }
        let record = ReleaseRecord(
            id: id, period: period, releasedAt: now, catalogueVersions: configuration.acceptedCatalogueVersions,
            synthetic: configuration.syntheticData, published: planned.ledgerEntries.count, withheld: planned.withheld.count)
        let documents = try Self.documents(planned, catalogue: catalogue)
        let ledgerLines = try planned.ledgerEntries.map { LedgerLine(releaseID: id, json: try PublishedJSON.bytes($0)) }
        let meanwhile = QueryError.releaseFailed(
            reason: "another release was stored while \(id) was planned; run the release again so it is re-checked against it")
        let stored: Bool
        do {
            stored = try await store.storeRelease(record, documents: documents, ledger: ledgerLines, ledgerLength: ledger.count)
        } catch {
            if try await store.releases().contains(where: { $0.id == id }) { throw meanwhile }
            throw error
        }
        // Planned against a ledger that has since grown: storing it could publish what the
        // newer ledger forbids, so it is refused (fail closed), never stored unchecked.
        guard stored else { throw meanwhile }
        return record
    }

    /// What readers get: each comparison under `indicator|breakdown`, and the metadata of
    /// every indicator compared.
    static func documents(_ planned: PlannedRelease, catalogue: Catalogue) throws -> [ReleasedDocument] {
        var documents: [ReleasedDocument] = []
        var indicators: Set<String> = []
        for comparison in planned.comparisons {
            let key = ComparisonKey.text(indicator: comparison.indicator, breakdown: comparison.breakdown)
            documents.append(ReleasedDocument(kind: .comparison, key: key, json: try PublishedJSON.bytes(comparison)))
            indicators.insert(comparison.indicator)
        }
        for id in indicators.sorted() {
            guard let indicator = catalogue.indicator(id) else { continue }
            documents.append(ReleasedDocument(kind: .indicator, key: id, json: try PublishedJSON.bytes(IndicatorMetadata(indicator))))
        }
        return documents
    }
}

/// How a released comparison is keyed: `indicator|dim=cat,dim=cat` (empty after the bar for
/// the overall figure).
enum ComparisonKey {
    static func text(indicator: String, breakdown: [String: String]) -> String {
        "\(indicator)|\(Cell.breakdownText(breakdown))"
    }
}
