import Foundation
import HTTPTypes
import Hummingbird
import LLNCHubCore
import LLNCProtocol
import NIOCore
import Synchronization

/// A per-source limit on refused requests: a source (an address, or an IPv6 /64) whose
/// requests were refused as unauthenticated or malformed (401, 400) `limit` times within a
/// `window` is answered 429 `rate-limited`, with `Retry-After`, until the window ends, before
/// any signature is checked.
///
/// Only attempts count: a POST (an envelope, an enrolment, a sign-in) or a request carrying
/// credentials (a bearer token, a site signature) that was refused. A plain GET without
/// credentials does not, so a web page that makes visitors' browsers fetch bad links cannot
/// lock out a council's node behind the same address. A site that authenticates is never
/// slowed however much it sends, and a node's backoff keeps an honest misconfigured one well
/// under the limit. Memory is bounded: at most `maxSources` windows are kept, expired ones
/// dropped first.
final class RefusalLimit: Sendable {
    struct Window {
        var start: Int64
        var refusals: Int
    }

    let limit: Int
    let window: Int64
    let maxSources: Int
    private let windows = Mutex<[String: Window]>([:])

    init(limit: Int = 30, window: Int64 = 60, maxSources: Int = 10_000) {
        self.limit = limit
        self.window = window
        self.maxSources = maxSources
    }

    /// How many sources have a window now (at most `maxSources`).
    var trackedSources: Int { windows.withLock { $0.count } }

    /// Seconds until `source` may be answered again; nil when it may now.
    func retryAfter(source: String, now: Int64) -> Int64? {
        windows.withLock { windows in
            guard let current = windows[source], now < current.start + window, current.refusals >= limit else { return nil }
            return current.start + window - now
        }
    }

    func recordRefusal(source: String, now: Int64) {
        windows.withLock { windows in
            if var current = windows[source], now < current.start + window {
                current.refusals += 1
                windows[source] = current
                return
            }
            if windows.count >= maxSources {
                windows = windows.filter { now < $0.value.start + window }
                if windows.count >= maxSources, let oldest = windows.min(by: { $0.value.start < $1.value.start })?.key {
                    windows[oldest] = nil
                }
            }
            windows[source] = Window(start: now, refusals: 1)
        }
    }

    /// Who sent the request: the peer's address, or, when the peer is this machine (the TLS
    /// proxy of deploy/nginx), the client address the proxy passed in `X-Real-IP`.
    static func source(_ request: Request, remoteAddress: SocketAddress?) -> String {
        let peer = remoteAddress?.ipAddress
        guard peer == nil || isLoopback(remoteAddress) else { return key(peer ?? "unknown") }
        if let forwarded = request.headers[HTTPField.Name("X-Real-IP")!], !forwarded.isEmpty { return key(String(forwarded.prefix(64))) }
        return peer ?? "local"
    }

    /// An IPv4 address as it is; an IPv6 address by its /64, which one subscriber holds whole
    /// (rotating through it must not reset the count).
    static func key(_ address: String) -> String {
        if address.hasPrefix("::ffff:"), address.contains(".") { return String(address.dropFirst(7)) }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        return bytes.prefix(8).map { String(format: "%02x", $0) }.joined() + "::/64"
    }

    /// Whether a refused request was an attempt that counts: a POST, or one with credentials.
    static func counts(_ request: Request) -> Bool {
        request.method == .post || request.headers[.authorization] != nil
            || request.headers[HTTPField.Name(SiteRequestSignature.headerName)!] != nil
    }
}

/// Answers a source over its `RefusalLimit` with 429, and counts each 400 and 401 answered.
/// Sits outside the problem middleware, so it sees every refusal as the answer it became.
struct RefusalLimitMiddleware: RouterMiddleware {
    typealias Context = HubRequestContext
    let limit: RefusalLimit
    let clock: @Sendable () -> Int64

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let source = RefusalLimit.source(request, remoteAddress: context.remoteAddress)
        if let wait = limit.retryAfter(source: source, now: clock()) {
            var response = Response.problem(TrafficRefusal.rateLimited(retryAfter: wait, limit: limit.limit, window: limit.window).problem)
            response.headers[.retryAfter] = "\(wait)"
            return response
        }
        let response = try await next(request, context)
        if response.status == .unauthorized || response.status == .badRequest, RefusalLimit.counts(request) {
            limit.recordRefusal(source: source, now: clock())
        }
        return response
    }
}

/// The hub's answer to a source that sent too many refused requests.
enum TrafficRefusal: ProblemError {
    case rateLimited(retryAfter: Int64, limit: Int, window: Int64)

    var problem: Problem {
        switch self {
        case .rateLimited(let retryAfter, let limit, let window):
            Problem(
                code: "rate-limited", title: "Too many refused requests", status: 429,
                detail:
                    "\(limit) requests from this address were refused within \(window) s (bad credentials or malformed messages); "
                    + "wait \(retryAfter) s (Retry-After) and check the client's keys and token",
                retryable: true)
        }
    }
}
