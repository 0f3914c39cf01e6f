import Foundation
import Hummingbird
import LLNCHubCore

/// A refused or failed page request as a page, not a JSON problem: someone not signed in
/// goes to the sign-in form (and comes back afterwards); any other `ProblemError` becomes an
/// HTML page with the problem's status and the same words.
enum PageFailure {
    /// `nil` for errors that are not the caller's (the problem middleware logs them as 500s).
    static func response(_ error: any Error, request: Request, synthetic: Bool) -> Response? {
        guard let problem = (error as? any ProblemError)?.problem else { return nil }
        if case .unauthenticated? = error as? QueryError {
            let next = PagePath.segment(request.uri.description)
            return PageRenderer.redirect("/pages/sign-in?next=\(next)")
        }
        let heading =
            switch problem.status {
            case 401: "Your access token was refused"
            case 403: "You cannot see this page"
            case 404: "Page not found"
            case 500...: "The hub cannot answer just now"
            default: "There is a problem with this address"
            }
        let model = FailurePage(
            page: PageFrame(title: heading, synthetic: synthetic, signedIn: false), heading: heading,
            detail: problem.detail)
        return PageRenderer.response("failure", model, status: HTTPResponse.Status(code: problem.status))
    }

    /// Where to go after signing in: only a page of this hub (`/pages/...`), never another site.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/pages/"), !next.hasPrefix("//"), !next.contains("\\"),
            !next.contains(where: { $0.isNewline || $0 == "\0" })
        else { return "/pages/indicators" }
        return next
    }
}

struct FailurePage: Sendable {
    let page: PageFrame
    let heading: String
    let detail: String
}
