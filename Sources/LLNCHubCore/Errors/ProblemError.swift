import LLNCProtocol

/// An error a client is answered with: every one carries its RFC 9457 problem (status,
/// stable code, `retryable`, and words for the person who must act), so the API, the pages
/// and the operations routes answer it the same way. `ProblemMiddleware` renders it as
/// `application/problem+json`; a page route renders the same problem as an HTML page.
/// Anything else that escapes a handler is the hub's own failure: a logged 500.
public protocol ProblemError: Error {
    var problem: Problem { get }
}

extension HubRejection: ProblemError {
    /// Without a receipt: a signed receipt goes only with a refused envelope, which the
    /// submission route answers itself.
    public var problem: Problem { problem(receipt: nil) }
}

extension QueryError: ProblemError {}

/// Why an operations route refused: the store is not answering, or `/metrics` was asked
/// from off the machine.
package enum OperationsRefusal: ProblemError {
    case notReady(timeout: Duration)
    case metricsNotPublic

    package var problem: Problem {
        switch self {
        case .notReady(let timeout):
            Problem(
                code: "not-ready", title: "Not ready", status: 503,
                detail: "the hub's store did not answer within \(timeout); check the database and the hub's log",
                retryable: true)
        case .metricsNotPublic:
            Problem(
                code: "forbidden", title: "Forbidden", status: 403,
                detail: "/metrics answers only clients on this machine; start the hub with --metrics-public to serve it to others")
        }
    }
}
