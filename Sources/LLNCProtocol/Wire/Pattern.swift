/// Small byte-level checks behind the spec's field patterns. Kept by hand rather than with
/// regular expressions so the hub's hot path does not compile patterns per request.
enum Pattern {
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    static func isLowerAlnum(_ c: UInt8) -> Bool { isDigit(c) || (c >= 97 && c <= 122) }

    /// `^[a-z][a-z0-9_]{0,max-1}$`: identifiers (indicator ids, breakdown keys).
    static func isIdentifier(_ s: String, max: Int) -> Bool {
        let u = Array(s.utf8)
        guard let first = u.first, u.count <= max, first >= 97, first <= 122 else { return false }
        return u.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "_") }
    }

    /// Lowercase UUID text, 8-4-4-4-12.
    static func isUUID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 36 else { return false }
        for (i, c) in u.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard c == UInt8(ascii: "-") else { return false }
            } else {
                guard isDigit(c) || (c >= 97 && c <= 102) else { return false }
            }
        }
        return true
    }

    /// `^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$`: a decimal number with no exponent, no
    /// leading zeros and no trailing dot, so a value has one spelling.
    static func isDecimal(_ s: String) -> Bool {
        var u = Array(s.utf8)[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        let intPart = u.prefix { isDigit($0) }
        guard !intPart.isEmpty, intPart.count <= 15, intPart.count == 1 || intPart.first != UInt8(ascii: "0") else { return false }
        let rest = u.dropFirst(intPart.count)
        if rest.isEmpty { return s != "-0" }
        guard rest.first == UInt8(ascii: "."), rest.count >= 2, rest.count <= 7 else { return false }
        return rest.dropFirst().allSatisfy(isDigit)
    }

    /// Printable ASCII without space or quotes: for short codes such as versions and reasons,
    /// which must never be able to carry free text.
    static func isCode(_ s: String, max: Int) -> Bool {
        let u = Array(s.utf8)
        return !u.isEmpty && u.count <= max
            && u.allSatisfy { isLowerAlnum($0) || [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ":")].contains($0) }
    }
}
