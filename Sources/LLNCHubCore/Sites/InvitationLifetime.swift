/// How long an enrolment token may live, as the operator writes it (`7d`, `12h`, `30m`).
///
/// A token is a bearer secret that enrols a site, so a long-lived one is a standing risk:
/// the hub caps every lifetime at ``maximum`` (90 days). The parser reads at most a few
/// digits and multiplies with overflow checks, so `999999999999999d` is refused with the
/// cap in the message rather than wrapping into a negative, already-expired (or a
/// far-future) token.
public enum InvitationLifetime {
    /// 90 days, in seconds.
    public static let maximum: Int64 = 90 * 86_400

    /// The lifetime in seconds, between one minute and ``maximum``.
    public static func seconds(_ text: String) throws(SiteRegisterError) -> Int64 {
        guard let unit = text.last, let scale = Self.scale(unit) else {
            throw .badLifetime(text, reason: "write a number followed by d, h or m, e.g. 7d")
        }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .badLifetime(text, reason: "write a whole number followed by d, h or m, e.g. 7d")
        }
        // Nine digits are far over any cap yet cannot overflow Int64 at any scale.
        guard digits.count <= 9, let count = Int64(digits) else { throw .badLifetime(text, reason: Self.capReason) }
        let (seconds, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, seconds <= maximum else { throw .badLifetime(text, reason: Self.capReason) }
        guard seconds > 0 else { throw .badLifetime(text, reason: "a token must live at least a minute") }
        return seconds
    }

    /// Checks a lifetime given in seconds, as ``SiteRegister/invite(laNumber:lifetime:)`` does.
    static func check(_ seconds: Int64) throws(SiteRegisterError) {
        guard seconds > 0, seconds <= maximum else { throw .badLifetime("\(seconds)s", reason: Self.capReason) }
    }

    private static let capReason = "a token may live at most 90 days (90d); invite again when it runs out"

    private static func scale(_ unit: Character) -> Int64? {
        switch unit {
        case "d": 86_400
        case "h": 3600
        case "m": 60
        default: nil
        }
    }
}
