import HTTPTypes
import Hummingbird
import LLNCHubCore

/// Which methods each path of the route table takes, so a request with a method a known
/// path does not take is told so (405 `method-not-allowed` with `Allow`, RFC 9110 §15.5.6)
/// instead of hearing that the path does not exist. `HEAD` is taken wherever `GET` is (the
/// router answers it from the `GET` handler), and `OPTIONS` answers 204 with `Allow`.
///
/// A path resolves to the template the router would pick: at each segment a literal beats
/// a `{parameter}`, which beats `**`, so `/pages/sign-out` (POST only) is not widened by the
/// `/pages/**` catch-all (GET).
struct AllowedMethods: Sendable {
    private struct Template: Sendable {
        enum Segment: Sendable, Equatable {
            case literal(Substring)
            case parameter
            case rest
            var rank: Int {
                switch self {
                case .literal: 0
                case .parameter: 1
                case .rest: 2
                }
            }
        }
        let segments: [Segment]
        var methods: Set<HTTPRequest.Method>

        func matches(_ path: [Substring]) -> Bool {
            for (index, segment) in segments.enumerated() {
                switch segment {
                case .rest: return path.count > index
                case .parameter: guard index < path.count else { return false }
                case .literal(let text): guard index < path.count, path[index] == text else { return false }
                }
            }
            return path.count == segments.count
        }

        /// Lower is more specific: the router prefers a literal at the first segment where
        /// two templates differ.
        func isMoreSpecific(than other: Template) -> Bool {
            for (a, b) in zip(segments, other.segments) where a.rank != b.rank { return a.rank < b.rank }
            return segments.count > other.segments.count
        }
    }

    private let templates: [Template]

    init(_ routes: [(method: HTTPRequest.Method, path: String)]) {
        var byPath: [String: Template] = [:]
        for route in routes {
            let segments = route.path.split(separator: "/").map { segment -> Template.Segment in
                if segment == "**" { return .rest }
                if segment.hasPrefix("{") || segment.hasPrefix(":") || segment == "*" { return .parameter }
                return .literal(segment)
            }
            byPath[route.path, default: Template(segments: segments, methods: [])].methods.insert(route.method)
        }
        templates = byPath.keys.sorted().compactMap { byPath[$0] }
    }

    /// The methods the path takes, in a stable order; nil when no route has the path.
    func methods(forPath path: String) -> [HTTPRequest.Method]? {
        let parts = path.split(separator: "/")
        var best: Template?
        for template in templates where template.matches(parts) {
            if let current = best, !template.isMoreSpecific(than: current) { continue }
            best = template
        }
        guard var methods = best?.methods else { return nil }
        if methods.contains(.get) { methods.insert(.head) }
        methods.insert(.options)
        return methods.map(\.rawValue).sorted().compactMap { HTTPRequest.Method($0) }
    }
}

/// Answers a method the path does not take (405 with `Allow`) and `OPTIONS` (204 with
/// `Allow`) before the router would call either a 404.
struct MethodCheck<Context: RequestContext>: RouterMiddleware {
    let allowed: AllowedMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let methods = allowed.methods(forPath: request.uri.path), !methods.contains(request.method) || request.method == .options
        else { return try await next(request, context) }
        let allow = methods.map(\.rawValue).joined(separator: ", ")
        if request.method == .options { return Response(status: .noContent, headers: [.allow: allow]) }
        var response = Response.problem(
            QueryError.methodNotAllowed(method: request.method.rawValue, path: request.uri.path, allow: allow).problem)
        response.headers[.allow] = allow
        return response
    }
}
