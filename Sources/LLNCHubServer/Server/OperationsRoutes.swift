import Foundation
import HTTPTypes
import Hummingbird
import LLNCHubCore
import LLNCProtocol
import Logging
import NIOCore

/// `GET /healthz`, `GET /readyz`, `GET /metrics`: for supervisors, load balancers and
/// scrapers, outside the query API's tokens (`/metrics` is kept to loopback instead).
func operationsRoutes(
    configuration: HubConfiguration, store: any HubStore, identity: HubIdentity, metrics: HubMetrics
) -> [HubRoute] {
    let keys = identity.signing.keyID.hex
    return [
        // Alive: the process answers. Touches nothing, so a slow database never gets a live
        // process restarted by its supervisor.
        HubRoute(.get, "/healthz", access: .siteProtocol) { _, _, _ in
            .json(Array(#"{"status":"ok"}"#.utf8))
        },
        // Ready: worth sending traffic to. The keys were loaded at start (the server does not
        // start without them); the store must answer within `readinessTimeout`.
        HubRoute(.get, "/readyz", access: .siteProtocol) { _, context, _ in
            do {
                try await withDeadline(configuration.readinessTimeout) { try await store.checkReachable() }
            } catch {
                context.logger.warning("not ready: the store did not answer", metadata: ["error.type": "\(type(of: error))"])
                throw OperationsRefusal.notReady(timeout: configuration.readinessTimeout)
            }
            return .json(Array(#"{"keys":"loaded","signing_key_id":"\#(keys)","status":"ready","store":"reachable"}"#.utf8))
        },
        HubRoute(.get, "/metrics", access: .siteProtocol) { _, context, _ in
            guard configuration.metricsPublic || isLoopback(context.remoteAddress) else { throw OperationsRefusal.metricsNotPublic }
            metrics.recordStoreSize(try await store.counts())
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.render())))
        },
    ]
}

/// True for 127.0.0.0/8 and ::1 (and IPv4-mapped loopback); false for anything else,
/// including no address at all.
func isLoopback(_ address: SocketAddress?) -> Bool {
    guard let ip = address?.ipAddress else { return false }
    return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
}

/// The matched route's template (`/v1/submissions`), or `unmatched`: Hummingbird names no
/// route, or `NotFound`, for a path that matched none, and the raw path is never used.
func routeTemplate(_ context: some RequestContext) -> String {
    context.endpointPath.flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "unmatched"
}

/// One log line per answered request: the route template (never the raw path, which may
/// carry anything a client typed), method, status and duration, under swift-log metadata
/// keys; and the same figures into the request metrics.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let metrics: HubMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let clock = ContinuousClock()
        let started = clock.now
        var status = 500
        defer {
            let duration = clock.now - started
            let route = routeTemplate(context)
            metrics.recordRequest(route: route, method: request.method.rawValue, status: status, duration: duration)
            context.logger.info(
                "request",
                metadata: [
                    "http.route": "\(route)", "http.method": "\(request.method.rawValue)", "http.status": "\(status)",
                    "duration_ms": "\(Self.milliseconds(duration))",
                ])
        }
        let response = try await next(request, context)
        status = Int(response.status.code)
        return response
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.3f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
