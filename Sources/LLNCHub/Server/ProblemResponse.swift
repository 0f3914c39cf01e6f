import HTTPTypes
import Hummingbird
import LLNCProtocol
import Logging

/// The one place where errors become HTTP answers (SPEC.md §10): a `HubRejection` is its
/// RFC 9457 problem; Hummingbird's own errors (unknown route, wrong method) become problems
/// with their status; anything else is a 500 that is logged by type and never leaked.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let rejection as HubRejection {
            // A refused body may be partly unread: close rather than drain it.
            let unread = rejection.code == "too-large" || rejection.code == "request-timeout"
            context.logger.notice("refused request", metadata: ["llnc.code": "\(rejection.code)", "llnc.path": "\(request.uri.path)"])
            return Response.problem(rejection.problem(), closeConnection: unread)
        } catch let failure as QueryFailure {
            var response = Response.problem(failure.problem)
            if failure.status == 401 { response.headers[.wwwAuthenticate] = #"Bearer realm="llnc-hub""# }
            return response
        } catch let error as any HTTPResponseError {
            let status = Int(error.status.code)
            return Response.problem(Problem(
                code: status == 404 ? "not-found" : "http-\(status)", title: error.status.reasonPhrase, status: status,
                detail: "\(request.method) \(request.uri.path) is not a route of this hub; see GET /v1/protocol",
                retryable: status >= 500))
        } catch {
            // DatabaseError descriptions leave out statement arguments, and no handler
            // error carries a cell value; the type and description are safe to log.
            context.logger.error("internal error", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
            return Response.problem(Problem(
                code: "internal", title: "Internal error", status: 500,
                detail: "the hub failed to handle the request; it was logged. Retry later", retryable: true))
        }
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
