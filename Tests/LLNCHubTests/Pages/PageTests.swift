import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The web pages rendered by the real router from a real release (fixture cells through the
/// real release planner): what each page says, its marks, and who may see it.
@Suite(.timeLimit(.minutes(10)))
struct PageTests {
    /// A released hub (2024-25: Oldham and Rochdale) and an analyst's token.
    static func released(publicRead: Bool = false, synthetic: Bool = true) async throws -> (HubFixture, some ApplicationProtocol, String) {
        var (hub, configuration) = try await ReleaseTests.hub(synthetic: synthetic)
        configuration.publicRead = publicRead
        _ = try await ReleaseMaker(store: hub.store, configuration: configuration, clock: hub.clock).release(period: "2024-25")
        let token = try await TokenIssuer(store: hub.store, clock: hub.clock).create(role: .analyst, name: "pages").0.description
        let app = buildApplication(
            configuration: configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
        return (hub, app, token)
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// Checks what every page must have: one h1, `lang="en"`, a skip link, the synthetic banner.
    static func expectFrame(_ html: String, synthetic: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(count("<h1", in: html) == 1, sourceLocation: sourceLocation)
        #expect(html.contains(#"<html lang="en">"#) && html.contains(##"href="#main""##), sourceLocation: sourceLocation)
        #expect(html.contains("Synthetic data.") == synthetic, sourceLocation: sourceLocation)
        // axe-core's `region` rule: the banner is a named region, not a loose div between landmarks.
        #expect(html.contains(#"<section class="banner-synthetic" aria-label="Synthetic data">"#) == synthetic, sourceLocation: sourceLocation)
        #expect(!html.contains("http://") && !html.contains("https://"), "a page loads nothing from elsewhere", sourceLocation: sourceLocation)
        #expect(html.contains(#"href="/pages/how-to-read""#), sourceLocation: sourceLocation)
    }

    @Test func theIndicatorListSearchesWithAGetForm() async throws {
        let (_, app, token) = try await Self.released()
        try await app.test(.router) { client in
            let all = try await client.execute(uri: "/pages/indicators", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .ok && $0.headers[.contentType] == "text/html; charset=utf-8")
                return String(buffer: $0.body)
            }
            Self.expectFrame(all)
            #expect(all.contains(#"<form class="search" method="get" action="/pages/indicators""#) && all.contains(#"<label for="q">"#))
            #expect(all.contains("/pages/indicators/looked_after_at_31_march/2024-25"))
            #expect(all.contains("/pages/indicators/cin_rereferrals_within_12_months/2024-25"))
            let found = try await client.execute(uri: "/pages/indicators?q=re-referrals", method: .get, headers: [.authorization: "Bearer \(token)"])
            {
                String(buffer: $0.body)
            }
            #expect(found.contains("cin_rereferrals_within_12_months") && !found.contains("looked_after_at_31_march/2024-25"))
            // A browser sends the form's space as `+`.
            let spaced = try await client.execute(
                uri: "/pages/indicators?q=referrals+within+12", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) {
                String(buffer: $0.body)
            }
            #expect(spaced.contains(#"value="referrals within 12""#) && spaced.contains("cin_rereferrals_within_12_months"))
            let hostile = try await client.execute(
                uri: "/pages/indicators?q=%3Cscript%3Ealert(1)%3C/script%3E", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) {
                String(buffer: $0.body)
            }
            #expect(!hostile.contains("<script>") && hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test(arguments: [("care+leavers", "care leavers"), ("a%2Bb", "a+b"), ("re-referrals", "re-referrals"), ("%zz", ""), ("", "")])
    /// Read by Hummingbird's form decoder, as the sign-in form is: a broken escape makes the
    /// query no form, so it searches for nothing rather than for what was typed.
    func aFormValueIsDecodedAsBrowsersEncodeIt(_ sent: String, _ meant: String) {
        #expect(SearchForm.read(query: "q=\(sent)") == meant)
    }

    @Test func theComparisonPageRanksSitesDrawsAFunnelAndTabulates() async throws {
        let (_, app, token) = try await Self.released()
        try await app.test(.router) { client in
            let page = try await client.execute(
                uri: "/pages/indicators/cin_rereferrals_within_12_months/2024-25", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) {
                #expect($0.status == .ok)
                return String(buffer: $0.body)
            }
            Self.expectFrame(page)
            #expect(page.contains("release 2024-25.1"))
            #expect(page.contains(#"<svg role="img" aria-labelledby="ranked-title ranked-desc""#))
            #expect(page.contains(#"<svg role="img" aria-labelledby="funnel-title funnel-desc""#))
            #expect(Self.count(#"class="limit-95""#, in: page) == 2 && Self.count(#"class="limit-998""#, in: page) == 2)
            #expect(page.contains(#"class="england""#), "the England line")
            // England, then both sites: 21.0% of 1000 and 16.7% of 900.
            #expect(Self.count("<tr", in: page) == 4)
            #expect(page.contains("Oldham") && page.contains("Rochdale") && page.contains(">21.0<") && page.contains(">16.7<"))
            #expect(page.contains(">1000<") && page.contains(">900<"), "the denominators, the funnel's table alternative")
            #expect(page.contains(#"href="/pages/sites/353?period=2024-25""#))
            #expect(page.contains(#"<label for="region">"#) && page.contains(#"<option value="E12000002">North West</option>"#))
            let northWest = try await client.execute(
                uri: "/pages/indicators/cin_rereferrals_within_12_months/2024-25?region=E12000002", method: .get,
                headers: [.authorization: "Bearer \(token)"]
            ) { String(buffer: $0.body) }
            #expect(northWest.contains(#"<option value="E12000002" selected>"#) && Self.count("<tr", in: northWest) == 4)
            let elsewhere = try await client.execute(
                uri: "/pages/indicators/cin_rereferrals_within_12_months/2024-25?region=E99999999", method: .get,
                headers: [.authorization: "Bearer \(token)"]
            ) { ($0.status, String(buffer: $0.body)) }
            #expect(elsewhere.0 == .badRequest && elsewhere.1.contains("is not a region of this comparison"))
        }
    }

    @Test func suppressedRoundedAndIntervalFiguresAreMarkedAndExplained() async throws {
        let (_, app, token) = try await Self.released()
        try await app.test(.router) { client in
            func get(_ uri: String) async throws -> String {
                try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"]) { String(buffer: $0.body) }
            }
            let residential = try await get("/pages/indicators/looked_after_at_31_march/2024-25?breakdown=placement_type=residential")
            #expect(Self.count(#"<span class="mark mark-suppressed""#, in: residential) >= 2, "both sites' suppressed cells")
            #expect(residential.contains("suppressed: not shown so that no child can be identified"))
            #expect(!residential.contains(#"aria-labelledby="funnel-title"#), "a count has no funnel plot")
            let overall = try await get("/pages/indicators/looked_after_at_31_march/2024-25")
            #expect(overall.contains(#"520<span class="mark mark-rounded""#) && overall.contains(#"480<span class="mark mark-rounded""#))
            #expect(overall.contains("mark-interval"), "England's total of two rounded counts is a range")
            let howTo = try await get("/pages/how-to-read")
            Self.expectFrame(howTo)
            #expect(howTo.contains("Suppressed:") && howTo.contains("Rounded:") && howTo.contains("A range:"))
        }
    }

    @Test func theSiteProfileShowsEveryIndicatorAgainstEngland() async throws {
        let (_, app, token) = try await Self.released()
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/pages/sites/353", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                #expect($0.status == .ok)
                return String(buffer: $0.body)
            }
            Self.expectFrame(page)
            #expect(page.contains("<h1>Oldham (353)</h1>"))
            #expect(page.contains(#"aria-labelledby="spine-title spine-desc""#))
            #expect(
                page.contains("/pages/indicators/looked_after_at_31_march/2024-25")
                    && page.contains("/pages/indicators/cin_rereferrals_within_12_months/2024-25"))
            #expect(
                try await client.execute(uri: "/pages/sites/999", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    $0.status == .notFound && String(buffer: $0.body).contains("<h1>Page not found</h1>")
                })
            #expect(
                try await client.execute(uri: "/pages/no/such/page", method: .get) {
                    $0.status == .notFound && String(buffer: $0.body).contains("<h1>Page not found</h1>")
                })
            #expect(
                try await client.execute(uri: "/pages/sites/abc", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0.status }
                    == .badRequest)
        }
    }

    @Test func theTrendPageShowsEnglandAndAChosenSite() async throws {
        let (_, app, token) = try await Self.released()
        try await app.test(.router) { client in
            let page = try await client.execute(
                uri: "/pages/trends/cin_rereferrals_within_12_months?site=354", method: .get, headers: [.authorization: "Bearer \(token)"]
            ) {
                #expect($0.status == .ok)
                return String(buffer: $0.body)
            }
            Self.expectFrame(page)
            #expect(page.contains(#"<label for="site">"#) && page.contains(#"<option value="354" selected>"#))
            #expect(page.contains("Rochdale and England over time") && page.contains(#"aria-labelledby="trend-title trend-desc""#))
            // One released period: England 18.9% (360 of 1900), Rochdale 16.7% (150 of 900).
            #expect(page.contains(">18.9<") && page.contains(">16.7<") && page.contains(#"<circle class="dot-site""#))
        }
    }

    @Test func withoutASessionAPageSendsYouToSignInAndBack() async throws {
        let (hub, app, token) = try await Self.released()
        try await app.test(.router) { client in
            let location = try await client.execute(uri: "/pages/sites/353?period=2024-25", method: .get) { response in
                #expect(response.status == .seeOther)
                return response.headers[.location] ?? ""
            }
            #expect(location == "/pages/sign-in?next=%2Fpages%2Fsites%2F353%3Fperiod%3D2024-25")
            let form = try await client.execute(uri: location, method: .get) { String(buffer: $0.body) }
            Self.expectFrame(form)
            #expect(form.contains(#"<label for="token">"#) && form.contains(#"name="next" value="/pages/sites/353?period=2024-25""#))

            let wrong = try await client.execute(
                uri: "/pages/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=nonsense&next=%2Fpages%2Findicators")
            ) { ($0.status, String(buffer: $0.body), $0.headers[.setCookie]) }
            #expect(wrong.0 == .unauthorized && wrong.1.contains("There is a problem") && wrong.2 == nil)
            // A body that is no form (a broken percent escape) gets the form back with the problem, not a crash or a JSON error.
            let garbled = try await client.execute(
                uri: "/pages/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "token=%zz&next=%2")
            ) { ($0.status, String(buffer: $0.body), $0.headers[.setCookie]) }
            #expect(garbled.0 == .badRequest && garbled.1.contains("the sign-in form could not be read") && garbled.2 == nil)

            let body = "token=\(PagePath.segment(token))&next=\(PagePath.segment("/pages/sites/353?period=2024-25"))"
            let (status, next, cookie) = try await client.execute(
                uri: "/pages/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)
            ) { ($0.status, $0.headers[.location], $0.headers[.setCookie] ?? "") }
            #expect(status == .seeOther && next == "/pages/sites/353?period=2024-25")
            #expect(cookie.hasPrefix("llnc_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains("Secure"), "plain http on loopback")
            #expect(!cookie.contains(token) && !cookie.contains(String(token.split(separator: ".").last ?? "")), "the cookie holds no secret")
            let session = String(cookie.prefix { $0 != ";" })

            #expect(try await client.execute(uri: "/pages/sites/353", method: .get, headers: [.cookie: session]) { $0.status } == .ok)
            // The JSON API never acts on the cookie.
            #expect(try await client.execute(uri: "/v1/indicators", method: .get, headers: [.cookie: session]) { $0.status } == .unauthorized)
            // A forged MAC is no session.
            let forged = String(session.dropLast(4)) + "0000"
            #expect(try await client.execute(uri: "/pages/sites/353", method: .get, headers: [.cookie: forged]) { $0.status } == .seeOther)
            // Revoking the token ends its sessions.
            let id = String(token.split(separator: ".")[1])
            #expect(try await hub.store.revokeAccessToken(id: id, at: HubFixture.now))
            #expect(try await client.execute(uri: "/pages/sites/353", method: .get, headers: [.cookie: session]) { $0.status } == .seeOther)
            // Signing out clears the cookie.
            let cleared = try await client.execute(uri: "/pages/sign-out", method: .post, headers: [.cookie: session]) {
                $0.headers[.setCookie] ?? ""
            }
            #expect(cleared.hasPrefix("llnc_session=;") && cleared.contains("Max-Age=0"))
        }
        let log = try await hub.store.queryLog()
        #expect(log.contains { $0.route == "GET /pages/sites/{la}" && $0.status == 200 && $0.caller == String(token.split(separator: ".")[1]) })
    }

    /// Sign-out ends the session on the hub: a copy of the cookie taken before it (another
    /// tab, a stolen header) opens nothing afterwards, while a second sign-in works.
    @Test func signingOutEndsTheSessionOnTheHubNotOnlyInTheBrowser() async throws {
        let (_, app, token) = try await Self.released()
        try await app.test(.router) { client in
            func signIn() async throws -> String {
                let cookie = try await client.execute(
                    uri: "/pages/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "token=\(PagePath.segment(token))&next=%2Fpages%2Findicators")
                ) { $0.headers[.setCookie] ?? "" }
                return String(cookie.prefix { $0 != ";" })
            }
            let copied = try await signIn()
            let other = try await signIn()
            #expect(copied != other, "each sign-in is its own session")
            #expect(try await client.execute(uri: "/pages/sites/353", method: .get, headers: [.cookie: copied]) { $0.status } == .ok)
            _ = try await client.execute(uri: "/pages/sign-out", method: .post, headers: [.cookie: copied]) { $0.status }
            #expect(try await client.execute(uri: "/pages/sites/353", method: .get, headers: [.cookie: copied]) { $0.status } == .seeOther)
            #expect(try await client.execute(uri: "/pages/sites/353", method: .get, headers: [.cookie: other]) { $0.status } == .ok)
            // Signing out without a session, or with a forged one, ends nothing and still clears the cookie.
            let forged = String(other.dropLast(4)) + "0000"
            let cleared = try await client.execute(uri: "/pages/sign-out", method: .post, headers: [.cookie: forged]) {
                $0.headers[.setCookie] ?? ""
            }
            #expect(cleared.contains("Max-Age=0"))
            #expect(try await client.execute(uri: "/pages/sites/353", method: .get, headers: [.cookie: other]) { $0.status } == .ok)
        }
    }

    @Test func publicReadOpensThePagesToAnyone() async throws {
        let (_, app, _) = try await Self.released(publicRead: true, synthetic: false)
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/pages/indicators", method: .get) {
                #expect($0.status == .ok)
                return String(buffer: $0.body)
            }
            Self.expectFrame(page, synthetic: false)
            #expect(!page.contains("Sign out"))
        }
    }

    @Test(
        arguments: [
            ("/pages/sites/353", "/pages/sites/353"), ("//elsewhere.example/", "/pages/indicators"),
            ("https://elsewhere.example/pages/", "/pages/indicators"),
            ("/v1/indicators", "/pages/indicators"), ("/pages/\\\\elsewhere", "/pages/indicators"), (nil, "/pages/indicators"),
        ] as [(String?, String)])
    func afterSigningInYouGoOnlyToAPageOfThisHub(next: String?, goes: String) {
        #expect(PageFailure.safeNext(next) == goes)
    }

    @Test func theCookieIsSecureExceptOnLoopback() {
        let hub = try? HubFixture()
        guard let hub else {
            Issue.record("no fixture")
            return
        }
        for (host, proxy, secure) in [
            ("127.0.0.1", false, false), ("localhost", false, false), ("0.0.0.0", false, true), ("hub.example.org", false, true),
            // Behind the documented TLS proxy the hub listens on loopback, yet browsers use https.
            ("127.0.0.1", true, true), ("::1", true, true),
        ] {
            let sessions = PageSession(identity: HubFixture.identity, access: hub.store, host: host, behindTLSProxy: proxy, clock: hub.clock)
            #expect(sessions.secureCookie == secure, "\(host) behind proxy \(proxy)")
            #expect(sessions.signOutCookie.hasSuffix("; Secure") == secure)
        }
    }
}
