import LLNCProtocol

/// Why the query API refused a request, each with the RFC 9457 problem it answers with.
/// None carries a figure, a token secret or a site's signature.
public enum QueryError: Error, Equatable, Sendable {
    /// No credentials where the route needs them.
    case unauthenticated(route: String)
    /// A bearer token or site signature that is malformed, unknown or does not verify.
    case credentialsInvalid(reason: String)
    /// A token the operator revoked.
    case tokenRevoked(id: String)
    /// Authenticated, but the role (or site) may not use this route.
    case forbidden(reason: String)
    /// A query parameter or path segment the route does not understand.
    case badParameter(name: String, reason: String)
    /// Nothing published matches (no release yet, unknown indicator, site or period).
    case notFound(what: String)
    /// The release could not be planned or stored; `reason` is for the operator.
    case releaseFailed(reason: String)
    /// The path is a route, but not for this method; `allow` is the `Allow` header's value.
    case methodNotAllowed(method: String, path: String, allow: String)

    public var code: String {
        switch self {
        case .unauthenticated: "unauthenticated"
        case .credentialsInvalid: "credentials-invalid"
        case .tokenRevoked: "token-revoked"
        case .forbidden: "forbidden"
        case .badParameter: "bad-parameter"
        case .notFound: "not-found"
        case .releaseFailed: "release-failed"
        case .methodNotAllowed: "method-not-allowed"
        }
    }

    public var status: Int {
        switch self {
        case .unauthenticated, .credentialsInvalid, .tokenRevoked: 401
        case .forbidden: 403
        case .badParameter: 400
        case .notFound: 404
        case .releaseFailed: 422
        case .methodNotAllowed: 405
        }
    }

    public var problem: Problem {
        switch self {
        case .unauthenticated(let route):
            Problem(
                code: code, title: "Unauthenticated", status: status,
                detail:
                    "\(route) needs a bearer token (`Authorization: Bearer llnc-api-v1....`); ask the hub operator for one (`llnc-hub tokens create`)"
            )
        case .credentialsInvalid(let reason):
            Problem(code: code, title: "Credentials invalid", status: status, detail: "the credentials were refused: \(reason)")
        case .tokenRevoked(let id):
            Problem(
                code: code, title: "Token revoked", status: status,
                detail: "token \(id) was revoked by the hub operator; ask for a new one")
        case .forbidden(let reason):
            Problem(code: code, title: "Forbidden", status: status, detail: reason)
        case .badParameter(let name, let reason):
            Problem(code: code, title: "Bad parameter", status: status, detail: "parameter '\(name)' \(reason)")
        case .notFound(let what):
            Problem(code: code, title: "Not found", status: status, detail: what)
        case .releaseFailed(let reason):
            Problem(code: code, title: "Release failed", status: status, detail: reason)
        case .methodNotAllowed(let method, let path, let allow):
            Problem(
                code: code, title: "Method not allowed", status: status,
                detail: "\(path.prefix(200)) does not take \(method.prefix(20)); it takes \(allow)")
        }
    }
}

extension QueryError: CustomStringConvertible {
    public var description: String { problem.detail }
}
