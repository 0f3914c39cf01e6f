import HTTPTypes
import Hummingbird
import LLNCHubCore
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
    /// Adds every route. A route outside the site protocol and the open pages sits behind its
    /// own `AccessCheck`, which puts the admitted caller on the request context.
    func add(
        _ routes: [HubRoute], gate: AccessGate, log: any AccessStore, synthetic: Bool = false,
        clock: @escaping @Sendable () -> Int64
    ) {
        for route in routes {
            let path = RouterPath(route.path)
            if route.access == .siteProtocol || route.access == .pageOpen {
                on(path, method: route.method) { request, context in try await route.handle(request, context, .anonymous) }
            } else {
                group()
                    .add(middleware: AccessCheck(route: route, gate: gate, log: log, synthetic: synthetic, clock: clock))
                    .on(path, method: route.method) { request, context in try await route.handle(request, context, context.caller) }
            }
        }
    }
}

/// The gate in front of one route: identifies the caller (401 for bad credentials),
/// authorises them for the route (403), writes the answer's status to the query log with
/// the caller (never a secret), and for a page route (`.page`) answers a refusal with a page
/// (the sign-in form for someone not signed in) rather than a JSON problem.
///
/// One per route because the route's template and access level are what it checks; the
/// router has already matched the path, so `{la}` is on the context when it runs.
struct AccessCheck: RouterMiddleware {
    typealias Context = HubRequestContext
    let template: String
    let level: RouteAccess
    let gate: AccessGate
    let log: any AccessStore
    let synthetic: Bool
    let clock: @Sendable () -> Int64

    init(route: HubRoute, gate: AccessGate, log: any AccessStore, synthetic: Bool, clock: @escaping @Sendable () -> Int64) {
        template = "\(route.method.rawValue) \(route.path)"
        level = route.access
        self.gate = gate
        self.log = log
        self.synthetic = synthetic
        self.clock = clock
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var caller = "refused"
        do {
            let admitted = try await gate.identify(request, acceptSession: level == .page)
            caller = admitted.logName
            try gate.authorise(admitted, route: template, level: level, laInPath: context.parameters.get("la"))
            context.caller = admitted
            let response = try await next(request, context)
            try await log.logQuery(QueryLogEntry(caller: caller, route: template, status: Int(response.status.code), at: clock()))
            return response
        } catch {
            let status = (error as? any ProblemError)?.problem.status ?? 500
            try? await log.logQuery(QueryLogEntry(caller: caller, route: template, status: status, at: clock()))
            if level == .page, let page = PageFailure.response(error, request: request, synthetic: synthetic) { return page }
            throw error
        }
    }
}
