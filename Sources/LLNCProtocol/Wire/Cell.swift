/// One aggregated, disclosure-checked figure: the only kind of thing that leaves a node.
///
/// Closed by construction: identifiers, codes and periods must match short patterns, the
/// value is a decimal string, and there is no free-text field, so a cell has nowhere to
/// carry a name, a date of birth or a child's identifier.
public struct Cell: Hashable, Sendable, Codable {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case count, percentage
        case ratePer10000 = "rate_per_10000"
        case gbp
        case gbpPerWeek = "gbp_per_week"
        case days
    }

    /// What was done to the figure before it left (SPEC.md §5.2).
    public enum Status: String, Sendable, Codable, CaseIterable {
        case published, rounded, perturbed, suppressed, unavailable
        case notApplicable = "not_applicable"
    }

    /// Explore Education Statistics symbols for a figure that is not shown as a number.
    public enum Symbol: String, Sendable, Codable, CaseIterable {
        case confidential = "c"
        case low, k
        case unavailable = "x"
        case notApplicable = "z"
    }

    public var indicator: String
    public var definitionVersion: Int
    public var period: String
    /// Dimension → category; empty for the indicator's overall figure.
    public var breakdown: [String: String]
    public var unit: Unit
    public var status: Status
    public var value: String?
    public var symbol: Symbol?
    /// The rule behind the status, as a code (e.g. `primary:threshold`, `secondary`).
    public var reason: String?
    /// For percentages and rates: the published (disclosure-checked) numerator and
    /// denominator, so the hub can compute confidence intervals.
    public var numerator: String?
    public var denominator: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case indicator, period, breakdown, unit, status, value, symbol, reason, numerator, denominator
        case definitionVersion = "definition_version"
    }

    public init(
        indicator: String, definitionVersion: Int, period: String, breakdown: [String: String] = [:],
        unit: Unit, status: Status, value: String? = nil, symbol: Symbol? = nil, reason: String? = nil,
        numerator: String? = nil, denominator: String? = nil
    ) {
        self.indicator = indicator
        self.definitionVersion = definitionVersion
        self.period = period
        self.breakdown = breakdown
        self.unit = unit
        self.status = status
        self.value = value
        self.symbol = symbol
        self.reason = reason
        self.numerator = numerator
        self.denominator = denominator
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            indicator: try c.decode(String.self, forKey: .indicator),
            definitionVersion: try c.decode(Int.self, forKey: .definitionVersion),
            period: try c.decode(String.self, forKey: .period),
            breakdown: try c.decodeIfPresent([String: String].self, forKey: .breakdown) ?? [:],
            unit: try c.decode(Unit.self, forKey: .unit),
            status: try c.decode(Status.self, forKey: .status),
            value: try c.decodeIfPresent(String.self, forKey: .value),
            symbol: try c.decodeIfPresent(Symbol.self, forKey: .symbol),
            reason: try c.decodeIfPresent(String.self, forKey: .reason),
            numerator: try c.decodeIfPresent(String.self, forKey: .numerator),
            denominator: try c.decodeIfPresent(String.self, forKey: .denominator))
    }

    /// Checks every field against protocol v1's patterns and the status/value/symbol rules.
    /// `index` names the cell in errors.
    public func validate(index: Int) throws(ProtocolError) {
        let here = "cells[\(index)]"
        guard Pattern.isIdentifier(indicator, max: 64) else {
            throw .malformed(field: "\(here).indicator", reason: "must match ^[a-z][a-z0-9_]{0,63}$")
        }
        guard (1...65_535).contains(definitionVersion) else {
            throw .malformed(field: "\(here).definition_version", reason: "must be 1...65535")
        }
        guard Self.isPeriod(period) else {
            throw .malformed(field: "\(here).period", reason: "must be YYYY or YYYY-YY, e.g. 2024-25")
        }
        guard breakdown.count <= Limits.maxBreakdownDimensions else {
            throw .malformed(field: "\(here).breakdown", reason: "has more than \(Limits.maxBreakdownDimensions) dimensions")
        }
        for (k, v) in breakdown {
            guard Pattern.isIdentifier(k, max: 32) else {
                throw .malformed(field: "\(here).breakdown", reason: "has a key that does not match ^[a-z][a-z0-9_]{0,31}$")
            }
            guard Pattern.isCode(v, max: 64) || v == "Total" else {
                throw .malformed(field: "\(here).breakdown.\(k)", reason: "must be a category code: 1-64 of a-z 0-9 _ - . : (or Total)")
            }
        }
        for (name, field) in [("value", value), ("numerator", numerator), ("denominator", denominator)] {
            if let field, !Pattern.isDecimal(field) {
                throw .malformed(field: "\(here).\(name)", reason: "must be a decimal string such as 42 or 12.5")
            }
        }
        if unit == .count, let value, value.hasPrefix("-") {
            throw .malformed(field: "\(here).value", reason: "is a negative count; counts are 0 or more")
        }
        if numerator != nil || denominator != nil {
            guard unit == .percentage || unit == .ratePer10000, value != nil else {
                throw .malformed(
                    field: "\(here).numerator",
                    reason: "numerator and denominator go only with a shown percentage or rate (they would reveal what a withheld cell hides)")
            }
        }
        if let reason, !Pattern.isCode(reason, max: 64) {
            throw .malformed(field: "\(here).reason", reason: "must be a rule code: 1-64 of a-z 0-9 _ - . :")
        }
        switch (status, value, symbol) {
        case (.published, .some, nil), (.perturbed, .some, nil), (.rounded, .some, nil),
            (.rounded, nil, .low?), (.rounded, nil, .k?),
            (.suppressed, nil, .confidential?), (.unavailable, nil, .unavailable?),
            (.notApplicable, nil, .notApplicable?):
            break
        default:
            throw .malformed(
                field: "\(here).status",
                reason:
                    "'\(status.rawValue)' does not fit its value/symbol: a shown figure has a value and no symbol; suppressed has symbol c, unavailable x, not_applicable z, a rounded zero low or k"
            )
        }
    }

    /// `YYYY` or `YYYY-YY` where YY is the next year's last two digits.
    static func isPeriod(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 4 || u.count == 7, u.prefix(4).allSatisfy(Pattern.isDigit) else { return false }
        if u.count == 4 { return true }
        guard u[4] == UInt8(ascii: "-"), Pattern.isDigit(u[5]), Pattern.isDigit(u[6]) else { return false }
        let start = Int(String(decoding: u[2..<4], as: UTF8.self))!
        let end = Int(String(decoding: u[5..<7], as: UTF8.self))!
        return end == (start + 1) % 100
    }
}
