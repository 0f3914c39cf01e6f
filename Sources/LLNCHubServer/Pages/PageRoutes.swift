import Foundation
import Hummingbird
import LLNCComparison
import LLNCHubCore

/// The web pages: HTML rendered on the server from released figures, behind the same roles
/// as the JSON API (`RouteAccess.page`: an analyst's or operator's session, a bearer token,
/// or anyone under `--public-read`). Sign-in and "how to read" show no figures and are open.
/// None of these are in `protocol/openapi.yaml`, which describes the JSON API only.
func pageRoutes(store: any HubStorage, configuration: HubConfiguration, sessions: PageSession) -> [HubRoute] {
    let figures = PublishedFigures(store: store, synthetic: configuration.syntheticData)
    let frame = { @Sendable (title: String, caller: Caller, synthetic: Bool) in
        PageFrame(title: title, synthetic: synthetic || configuration.syntheticData, signedIn: caller != .anonymous)
    }
    return [
        HubRoute(.get, "/pages", access: .pageOpen) { _, _, _ in PageRenderer.redirect("/pages/indicators") },
        // Any other address under /pages: a page saying so, not the API's JSON problem.
        HubRoute(.get, "/pages/**", access: .pageOpen) { request, _, _ in
            let detail = "There is no page at \(request.uri.path). Check the address, or start from the list of indicators."
            return PageRenderer.response(
                "failure", FailurePage(page: frame("Page not found", .anonymous, false), heading: "Page not found", detail: detail),
                status: .notFound)
        },
        HubRoute(.get, "/pages/how-to-read", access: .pageOpen) { _, _, _ in
            PageRenderer.response("how-to-read", PageModel(page: frame("How to read these figures", .anonymous, false)))
        },
        HubRoute(.get, "/pages/sign-in", access: .pageOpen) { request, _, _ in
            PageRenderer.response(
                "sign-in",
                SignInPage(
                    page: frame("Sign in", .anonymous, false), next: PageFailure.safeNext(request.uri.queryParameters.get("next")),
                    problem: nil))
        },
        HubRoute(.post, "/pages/sign-in", access: .pageOpen) { request, _, _ in
            let form = try await SignInForm.read(request)
            let next = PageFailure.safeNext(form?.next)
            do {
                guard let form else {
                    throw QueryError.badParameter(name: "body", reason: "the sign-in form could not be read: send it from this page")
                }
                let (_, cookie) = try await sessions.signIn(tokenText: form.token ?? "")
                return PageRenderer.redirect(next, headers: [.setCookie: cookie])
            } catch let failure as QueryError {
                return PageRenderer.response(
                    "sign-in", SignInPage(page: frame("Sign in", .anonymous, false), next: next, problem: failure.problem.detail),
                    status: HTTPResponse.Status(code: failure.status))
            }
        },
        HubRoute(.post, "/pages/sign-out", access: .pageOpen) { request, _, _ in
            PageRenderer.redirect("/pages/sign-in", headers: [.setCookie: try await sessions.signOut(request)])
        },
        HubRoute(.get, "/pages/indicators", access: .page) { request, _, caller in
            let indicators = try await figures.indicators()
            let synthetic = try await store.currentReleases().contains { $0.synthetic }
            let query = String(SearchForm.read(query: request.uri.query).trimmingCharacters(in: .whitespaces).prefix(200))
            return PageRenderer.response(
                "indicators",
                IndicatorListPage(
                    frame: frame(query.isEmpty ? "Indicators" : "Indicators matching \(query)", caller, synthetic), query: query,
                    indicators: indicators))
        },
        HubRoute(.get, "/pages/indicators/{indicator}/{period}", access: .page) { request, context, caller in
            let id = try context.parameters.require("indicator")
            let query = request.uri.queryParameters
            let breakdown = query.get("breakdown").flatMap { $0.isEmpty ? nil : $0 }
            let region = query.get("region").flatMap { $0.isEmpty ? nil : $0 }
            let (release, comparison) = try await figures.comparison(
                indicator: id, period: context.parameters.require("period"), breakdown: try BreakdownParameter.text(breakdown))
            let metadata = try await figures.indicators().first { $0.id == id }
            return PageRenderer.response(
                "comparison",
                ComparisonPage(
                    frame: frame("\(metadata?.title ?? id), \(comparison.period)", caller, release.synthetic), metadata: metadata,
                    releaseID: release.id, comparison: try comparison.filtered(region: region, neighboursOf: nil),
                    regions: comparison.regions, region: region, breakdownParameter: breakdown))
        },
        HubRoute(.get, "/pages/sites/{la}", access: .page) { request, context, caller in
            let la = try context.parameters.require("la")
            guard la.count == 3, la.allSatisfy(\.isASCII), la.allSatisfy(\.isNumber) else {
                throw QueryError.badParameter(name: "la", reason: "must be a 3-digit DfE LA number")
            }
            let (profile, comparisons) = try await figures.profileAndComparisons(
                laNumber: la, period: request.uri.queryParameters.get("period"))
            return PageRenderer.response(
                "profile",
                ProfilePage(
                    frame: frame("\(profile.laName ?? la), \(profile.period)", caller, profile.synthetic), profile: profile,
                    comparisons: comparisons))
        },
        HubRoute(.get, "/pages/trends/{indicator}", access: .page) { request, context, caller in
            let id = try context.parameters.require("indicator")
            let query = request.uri.queryParameters
            let site = query.get("site").flatMap { $0.isEmpty ? nil : $0 }
            let breakdown = try BreakdownParameter.text(query.get("breakdown"))
            let series = try await figures.series(indicator: id, breakdown: breakdown, site: site)
            let title = try await figures.indicators().first { $0.id == id }?.title ?? id
            let newest = try await figures.comparison(indicator: id, period: series.points.last?.period ?? "", breakdown: breakdown).1
            return PageRenderer.response(
                "trend",
                TrendPage(
                    frame: frame("\(title): trend", caller, series.synthetic), title: title, series: series, sites: newest.sites))
        },
    ]
}

/// Pages that hold no data but the frame.
struct PageModel: Sendable {
    let page: PageFrame
}

struct SignInPage: Sendable {
    let page: PageFrame
    let next: String
    let problem: String?
}

/// The indicator search's GET form, read by the same form decoder as sign-in, so `+` is a
/// space as browsers send it (Hummingbird's query parameters decode only percent escapes).
struct SearchForm: Decodable, Sendable {
    var q: String?

    /// The search text; empty when there is none or the query is not a form.
    static func read(query: String?) -> String {
        (try? URLEncodedFormDecoder().decode(SearchForm.self, from: query ?? ""))?.q ?? ""
    }
}

/// The sign-in form's fields, read from its `application/x-www-form-urlencoded` body (at most
/// 16 KiB) by Hummingbird's form decoder. A field left out is nil.
struct SignInForm: Decodable, Sendable {
    var token: String?
    var next: String?

    /// Nil when the body is not a form; a body over 16 KiB is refused (413) by `collectBody`.
    static func read(_ request: Request) async throws -> SignInForm? {
        var body = request
        let buffer = try await body.collectBody(upTo: 16 * 1024)
        return try? URLEncodedFormDecoder().decode(SignInForm.self, from: String(buffer: buffer))
    }
}
