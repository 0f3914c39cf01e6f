import Foundation

/// A value of a page's GET form, decoded the way browsers encode forms
/// (`application/x-www-form-urlencoded`): `+` is a space and `%2B` a plus. Hummingbird's
/// query parameters decode only the percent escapes, so "care leavers" typed into the search
/// box arrived as "care+leavers" and matched nothing.
enum FormQuery {
    /// The value of `name` in a raw query string (`request.uri.query`).
    static func value(_ name: String, inQuery query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decode(parts[0]) == name else { continue }
            return parts.count > 1 ? decode(parts[1]) : ""
        }
        return nil
    }

    /// `+` to a space, then the percent escapes; a broken escape is left as typed.
    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
