import Foundation
import Hummingbird
import LLNCHubCore
import LLNCProtocol

/// Releases (`operator` tokens only): the list, and `POST /v1/releases?period=P`, which does
/// what `llnc-hub release --period P` does.
func releaseRoutes(store: any HubStorage, configuration: HubConfiguration, clock: @escaping @Sendable () -> Int64) -> [HubRoute] {
    [
        HubRoute(.get, "/v1/releases", access: .operator) { _, _, _ in
            try JSONAnswer.response(["releases": try await store.releases()])
        },
        HubRoute(.post, "/v1/releases", access: .operator) { request, _, _ in
            guard let period = request.uri.queryParameters.get("period") else {
                throw QueryError.badParameter(name: "period", reason: "is required, e.g. ?period=2024-25")
            }
            let release = try await ReleaseMaker(store: store, configuration: configuration, clock: clock).release(period: period)
            return .json(try PublishedJSON.bytes(release), status: .created)
        },
    ]
}
