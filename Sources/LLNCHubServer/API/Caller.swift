import Foundation
import HTTPTypes
import Hummingbird
import LLNCHubCore
import LLNCProtocol

/// Who is calling a route, once the gate has admitted them.
public enum Caller: Sendable, Hashable {
    /// A bearer token's holder.
    case token(id: String, role: Role)
    /// A site, by a request signed with its current key (SPEC.md §14).
    case site(laNumber: String)
    /// Nobody in particular: only on published routes with `serve --public-read`.
    case anonymous

    /// How the query log names the caller: never a secret.
    var logName: String {
        switch self {
        case .token(let id, _): id
        case .site(let la): "site:\(la)"
        case .anonymous: "public"
        }
    }
}

/// Who may use a route.
public enum RouteAccess: String, Sendable, Hashable {
    /// The site protocol (SPEC.md): authenticated by the envelope, the enrolment token, or
    /// not at all (`/v1/protocol`, `/healthz`). The gate does not look at these.
    case siteProtocol = "site-protocol"
    /// Published (released) figures: analysts, operators, and anyone under `--public-read`.
    case published
    /// Published figures about one site (`{la}` in the path), which that site may also read
    /// with a signed request.
    case publishedOrOwnSite = "published-or-own-site"
    /// Running the hub: operators only.
    case `operator`
    /// A web page of published figures: as `published`, and the caller may also be named by
    /// the pages' session cookie (`PageSession`). Not in the OpenAPI spec (JSON API only).
    case page
    /// A web page with no figures (sign-in, "how to read"): anyone. Not in the OpenAPI spec.
    case pageOpen = "page-open"
}

/// Decides whether a request may use a route, from its bearer token or site signature.
struct AccessGate: Sendable {
    let access: any AccessStore
    let sites: any HubStore
    let publicRead: Bool
    let clock: @Sendable () -> Int64
    /// The web pages' sessions; `nil` where no session cookie is accepted.
    var sessions: PageSession? = nil

    /// Who the request says it is, checked: a signed site request, a bearer token, or
    /// nobody. Bad credentials are refused here (401); whether the caller may use the route
    /// is `authorise`'s question, so the query log can name a known caller refused a route.
    ///
    /// A session cookie is read only when `acceptSession` (the pages' GET routes): the JSON
    /// API never acts on a cookie, so no other site's form can use a browser's session there.
    func identify(_ request: Request, acceptSession: Bool = false) async throws -> Caller {
        if let header = request.headers[HTTPField.Name(SiteRequestSignature.headerName)!] {
            return try await admitSite(header: header, request: request)
        }
        guard let authorization = request.headers[.authorization] else {
            if acceptSession, let sessions, let caller = try await sessions.caller(request) { return caller }
            return .anonymous
        }
        let prefix = "Bearer "
        guard authorization.hasPrefix(prefix) else {
            throw QueryError.credentialsInvalid(reason: "the Authorization header is not `Bearer TOKEN`")
        }
        let token: AccessToken
        do { token = try AccessToken(parsing: String(authorization.dropFirst(prefix.count))) } catch {
            throw QueryError.credentialsInvalid(reason: String(describing: error))
        }
        guard let record = try await access.accessToken(secretHash: token.secretHash), record.id == token.id else {
            throw QueryError.credentialsInvalid(reason: "the token is not one this hub issued")
        }
        guard record.revokedAt == nil else { throw QueryError.tokenRevoked(id: record.id) }
        return .token(id: record.id, role: record.role)
    }

    /// Whether `caller` may use a route of `level`: 401 for nobody where a token is needed,
    /// 403 for a known caller without the right.
    func authorise(_ caller: Caller, route: String, level: RouteAccess, laInPath: String?) throws {
        switch (caller, level) {
        case (_, .siteProtocol):
            return
        case (.anonymous, .operator):
            throw QueryError.unauthenticated(route: route)
        case (.anonymous, _):
            guard publicRead else { throw QueryError.unauthenticated(route: route) }
        case (.token(let id, let role), .operator):
            guard role == .operator else {
                throw QueryError.forbidden(reason: "\(route) is for operators; token \(id) has the \(role.rawValue) role")
            }
        case (.token, _):
            return
        case (.site(let la), .publishedOrOwnSite):
            guard laInPath == la else { throw QueryError.forbidden(reason: "site \(la) may read only its own figures") }
        case (.site(let la), _):
            throw QueryError.forbidden(reason: "a site's signed request may read only its own profile, not \(route) (site \(la))")
        }
    }

    private func admitSite(header: String, request: Request) async throws -> Caller {
        let signature: SiteRequestSignature
        do { signature = try SiteRequestSignature(parsing: header) } catch {
            throw QueryError.credentialsInvalid(reason: String(describing: error))
        }
        guard let site = try await sites.site(laNumber: signature.laNumber), site.status == .active else {
            throw QueryError.credentialsInvalid(reason: "site \(signature.laNumber) is not an enrolled, active site")
        }
        do {
            try signature.verify(
                method: request.method.rawValue, pathAndQuery: request.uri.description, siteSigningKey: site.signingKey, now: clock())
        } catch {
            throw QueryError.credentialsInvalid(reason: String(describing: error))
        }
        return .site(laNumber: signature.laNumber)
    }
}
