import HTTPTypes
import Hummingbird
import LLNCHubCore
import LLNCProtocol
import Logging

/// The one place where errors become HTTP answers (SPEC.md §10): a `ProblemError` is its
/// RFC 9457 problem; Hummingbird's own errors (unknown route, wrong method) become problems
/// with their status; anything else is a 500 that is logged by type and never leaked.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any ProblemError {
            return Self.response(error.problem, context: context)
        } catch let error as any HTTPResponseError {
            let status = Int(error.status.code)
            return Response.problem(
                Problem(
                    code: status == 404 ? "not-found" : "http-\(status)", title: error.status.reasonPhrase, status: status,
                    detail: "\(request.method) \(request.uri.path) is not a route of this hub; see GET /v1/protocol",
                    retryable: status >= 500))
        } catch {
            // DatabaseError descriptions leave out statement arguments, PSQLError's says
            // nothing of the query or its binds, and no handler error carries a cell value;
            // the type and description are safe to log.
            context.logger.error("internal error", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
            return Response.problem(
                Problem(
                    code: "internal", title: "Internal error", status: 500,
                    detail: "the hub failed to handle the request; it was logged. Retry later", retryable: true))
        }
    }

    static func response(_ problem: Problem, context: Context) -> Response {
        context.logger.notice("refused request", metadata: ["llnc.code": "\(problem.code)", "http.route": "\(routeTemplate(context))"])
        // A refused body may be partly unread: close rather than drain it.
        let unread = problem.code == "too-large" || problem.code == "request-timeout"
        var response = Response.problem(problem, closeConnection: unread)
        if problem.status == 401 { response.headers[.wwwAuthenticate] = #"Bearer realm="llnc-hub""# }
        return response
    }
}

extension Response {
    static func problem(_ problem: Problem, closeConnection: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        if closeConnection { headers[.connection] = "close" }
        return Response(
            status: HTTPResponse.Status(code: problem.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: problem.jsonBytes())))
    }

    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
