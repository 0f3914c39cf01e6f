import Foundation
import HTTPTypes
import Hummingbird
import LLNCHubCore
import Mustache

/// What every page's frame needs: its title, whether to show the synthetic-data banner,
/// whether a sign-out button belongs in the header, and the significance key.
struct PageFrame: Sendable {
    struct LegendItem: Sendable {
        let words: String
        let style: String
        let marker: String
    }

    let title: String
    let synthetic: Bool
    let signedIn: Bool
    let legend: [LegendItem] = ["better", "similar", "worse", "higher", "lower", nil].map {
        LegendItem(words: SignificanceMark.words($0), style: SignificanceMark.style($0), marker: SignificanceMark.marker($0, x: 9, y: 9))
    }
}

/// The compiled templates. Built once: the templates are constants, so a parse error is a
/// programming error that every page test would show at once.
enum PageRenderer {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        let templates: [(String, String)] = [
            ("layout", LayoutTemplate.text), ("figure", ComparisonTemplates.figure), ("legend", ComparisonTemplates.legend),
            ("comparison", ComparisonTemplates.comparison), ("profile", ComparisonTemplates.profile),
            ("indicators", PageTemplates.indicators), ("trend", PageTemplates.trend), ("sign-in", PageTemplates.signIn),
            ("failure", PageTemplates.failure), ("how-to-read", PageTemplates.howToRead),
        ]
        for (name, text) in templates {
            do { try library.register(text, named: name) } catch { preconditionFailure("page template \(name) does not parse: \(error)") }
        }
        return library
    }()

    /// An HTML page. `no-store`: pages may hold figures only signed-in people may read.
    static func response(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        let html = library.render(model, withTemplate: template) ?? ""
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Content-Security-Policy")!:
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A `303 See Other` to `location` (after a form post, or to the sign-in page).
    static func redirect(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.location: location]
        headers.append(contentsOf: extra)
        return Response(status: .seeOther, headers: headers)
    }
}
