import HTTPTypes
import Hummingbird
import LLNCProtocol
import Logging

/// One route of the hub: method, path template (OpenAPI spelling, `{name}` for a path
/// parameter, which Hummingbird reads the same way), who may use it, and its handler.
///
/// The router is built from the one table `hubRoutes(...)` returns, and the OpenAPI test
/// reads the same table, so the spec cannot drift from what the server answers.
public struct HubRoute: Sendable {
    public let method: HTTPRequest.Method
    public let path: String
    public let access: RouteAccess
    let handle: @Sendable (Request, HubRequestContext, Caller) async throws -> Response

    init(
        _ method: HTTPRequest.Method, _ path: String, access: RouteAccess,
        handle: @escaping @Sendable (Request, HubRequestContext, Caller) async throws -> Response
    ) {
        self.method = method
        self.path = path
        self.access = access
        self.handle = handle
    }
}

extension Router where Context == HubRequestContext {
    /// Adds every route; a route outside the site protocol first passes the gate, and its
    /// answer's status is written to the query log with the caller (never a secret).
    ///
    /// A page route (`.page`) also admits a session cookie, and answers a refusal with a page
    /// (the sign-in form for someone not signed in) rather than a JSON problem.
    func add(
        _ routes: [HubRoute], gate: AccessGate, log: any AccessStore, synthetic: Bool = false,
        clock: @escaping @Sendable () -> Int64
    ) {
        for route in routes {
            let template = "\(route.method.rawValue) \(route.path)"
            on(RouterPath(route.path), method: route.method) { request, context -> Response in
                guard route.access != .siteProtocol, route.access != .pageOpen else { return try await route.handle(request, context, .anonymous) }
                var caller = "refused"
                do {
                    let la = context.parameters.get("la")
                    let admitted = try await gate.identify(request, acceptSession: route.access == .page)
                    caller = admitted.logName
                    try gate.authorise(admitted, route: template, level: route.access, laInPath: la)
                    let response = try await route.handle(request, context, admitted)
                    try await log.logQuery(QueryLogEntry(caller: caller, route: template, status: Int(response.status.code), at: clock()))
                    return response
                } catch {
                    let status = (error as? any ProblemError)?.problem.status ?? 500
                    try? await log.logQuery(QueryLogEntry(caller: caller, route: template, status: status, at: clock()))
                    if route.access == .page, let page = PageFailure.response(error, request: request, synthetic: synthetic) { return page }
                    throw error
                }
            }
        }
    }
}
