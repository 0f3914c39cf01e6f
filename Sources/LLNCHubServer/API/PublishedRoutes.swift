import Foundation
import Hummingbird
import LLNCComparison
import LLNCHubCore
import LLNCProtocol

/// Released figures: analysts, operators, and anyone under `--public-read`; a site's own
/// profile also to the site itself (signed request, SPEC.md §14).
func publishedRoutes(store: any HubStorage, configuration: HubConfiguration) -> [HubRoute] {
    let figures = PublishedFigures(store: store, synthetic: configuration.syntheticData)
    let openData = OpenDataExport(store: store, configuration: configuration)
    return [
        HubRoute(.get, "/v1/indicators", access: .published) { _, _, _ in
            try JSONAnswer.response(IndicatorListing(synthetic: configuration.syntheticData, indicators: try await figures.indicators()))
        },
        HubRoute(.get, "/v1/indicators/{indicator}", access: .published) { _, context, _ in
            let id = try context.parameters.require("indicator")
            guard let indicator = try await figures.indicators().first(where: { $0.id == id }) else {
                throw QueryError.notFound(what: "no released figures for indicator '\(id)'; GET /v1/indicators lists those released")
            }
            return try JSONAnswer.response(indicator)
        },
        HubRoute(.get, "/v1/comparisons/{indicator}/{period}", access: .published) { request, context, _ in
            let query = request.uri.queryParameters
            let (release, document) = try await figures.comparisonDocument(
                indicator: context.parameters.require("indicator"), period: context.parameters.require("period"),
                breakdown: try BreakdownParameter.text(query.get("breakdown")))
            let synthetic = release.synthetic || configuration.syntheticData
            let region = query.get("region")
            let neighboursOf = query.get("neighbours_of")
            guard region != nil || neighboursOf != nil else {
                return .json(try ComparisonAnswer.bytes(releaseID: release.id, synthetic: synthetic, storedComparison: document))
            }
            let comparison = try JSONDecoder().decode(Comparison.self, from: Data(document))
            let filtered = try comparison.filtered(region: region, neighboursOf: neighboursOf)
            return try JSONAnswer.response(ComparisonAnswer(releaseID: release.id, synthetic: synthetic, comparison: filtered))
        },
        HubRoute(.get, "/v1/sites/{la}/profile", access: .publishedOrOwnSite) { request, context, _ in
            let la = try context.parameters.require("la")
            guard la.count == 3, la.allSatisfy(\.isASCII), la.allSatisfy(\.isNumber) else {
                throw QueryError.badParameter(name: "la", reason: "must be a 3-digit DfE LA number")
            }
            return try JSONAnswer.response(try await figures.profile(laNumber: la, period: request.uri.queryParameters.get("period")))
        },
        HubRoute(.get, "/v1/series/{indicator}", access: .published) { request, context, _ in
            let query = request.uri.queryParameters
            return try JSONAnswer.response(
                try await figures.series(
                    indicator: context.parameters.require("indicator"), breakdown: try BreakdownParameter.text(query.get("breakdown")),
                    site: query.get("site"), baseline: query.get("baseline")))
        },
        HubRoute(.get, "/v1/open-data", access: .published) { _, _, _ in
            let files = try await openData.tables().flatMap { ["\($0.name).csv", "\($0.name).meta.csv"] }
            return try JSONAnswer.response(OpenDataListing(synthetic: configuration.syntheticData, files: files))
        },
        HubRoute(.get, "/v1/open-data/{file}", access: .published) { _, context, _ in
            let file = try context.parameters.require("file")
            for table in try await openData.tables() {
                let text: String
                switch file {
                case "\(table.name).csv": text = OpenDataCSV.data(table)
                case "\(table.name).meta.csv": text = OpenDataCSV.meta(table)
                default: continue
                }
                return Response(
                    status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            }
            throw QueryError.notFound(what: "no open-data file '\(file)'; GET /v1/open-data lists them")
        },
    ]
}

struct IndicatorListing: Encodable {
    let synthetic: Bool
    let indicators: [IndicatorMetadata]
}

struct OpenDataListing: Encodable {
    let synthetic: Bool
    let files: [String]
}

/// The `breakdown` query parameter: `dim=cat` pairs separated by commas, in any order.
enum BreakdownParameter {
    static func text(_ parameter: String?) throws -> String {
        guard let parameter, !parameter.isEmpty else { return "" }
        var pairs: [String: String] = [:]
        for pair in parameter.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, pairs[parts[0]] == nil else {
                throw QueryError.badParameter(
                    name: "breakdown", reason: "must be dimension=category pairs separated by commas, e.g. age_band=10_15")
            }
            pairs[parts[0]] = parts[1]
        }
        return Cell.breakdownText(pairs)
    }
}
