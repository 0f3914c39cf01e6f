import Foundation
import LLNCProtocol

extension HubClient {
    /// `GET /v1/sites/{la}/profile`: the site's published figures against England and its
    /// statistical neighbours, as JSON. The request is signed with the site's enrolled key
    /// (SPEC.md §14), so a node needs no API token to see itself.
    public func siteProfile(identity: SiteIdentity, period: String?, now: Int64) async throws(HubClientError) -> [UInt8] {
        var pathAndQuery = "/v1/sites/\(identity.site.laNumber)/profile"
        if let period {
            let escaped = period.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "=", "+"])) ?? period
            pathAndQuery += "?period=\(escaped)"
        }
        let signature = SiteRequestSignature.sign(
            laNumber: identity.site.laNumber, method: "GET", pathAndQuery: pathAndQuery, now: now, key: identity.signingKey)
        let (status, body) = try await get(pathAndQuery, headers: [SiteRequestSignature.headerName: signature.description])
        guard status == 200 else { throw refusal(status: status, body: body) }
        return body
    }

    func get(_ pathAndQuery: String, headers: [String: String]) async throws(HubClientError) -> (Int, [UInt8]) {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + pathAndQuery) else {
            throw .unexpectedAnswer(status: 0, reason: "\(base + pathAndQuery) is not a URL")
        }
        return try await send(.GET, url, headers: [Self.accept] + headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
}
