import Foundation
import Hummingbird
import LLNCProtocol

/// Released figures: analysts, operators, and anyone under `--public-read`.
func publishedRoutes(store: some HubStorage, configuration: HubConfiguration) -> [HubRoute] {
    let figures = PublishedFigures(store: store, synthetic: configuration.syntheticData)
    return [
        HubRoute(.get, "/v1/indicators", access: .published) { _, _, _ in
            try JSONAnswer.response(IndicatorListing(synthetic: configuration.syntheticData, indicators: try await figures.indicators()))
        },
        HubRoute(.get, "/v1/indicators/{indicator}", access: .published) { _, context, _ in
            let id = try context.parameters.require("indicator")
            guard let indicator = try await figures.indicators().first(where: { $0.id == id }) else {
                throw QueryFailure.notFound(what: "no released figures for indicator '\(id)'; GET /v1/indicators lists those released")
            }
            return try JSONAnswer.response(indicator)
        },
    ]
}

struct IndicatorListing: Encodable {
    let synthetic: Bool
    let indicators: [IndicatorMetadata]
}

/// Reads released documents: always the newest release of each period.
struct PublishedFigures<Store: ReleaseStore>: Sendable {
    let store: Store
    let synthetic: Bool

    /// Every indicator with released figures, with the periods released for it.
    func indicators() async throws -> [IndicatorMetadata] {
        var byID: [String: IndicatorMetadata] = [:]
        for release in try await store.currentReleases() {
            for document in try await store.releasedDocuments(releaseID: release.id, kind: .indicator) {
                var metadata = try JSONDecoder().decode(IndicatorMetadata.self, from: Data(document.json))
                metadata.periods = (byID[metadata.id]?.periods ?? []) + [release.period]
                byID[metadata.id] = metadata
            }
        }
        return byID.values.sorted { $0.id < $1.id }
    }
}
