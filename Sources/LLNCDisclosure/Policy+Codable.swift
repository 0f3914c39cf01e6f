/// A policy file lists only what it changes; every missing key keeps its default, `null`
/// turns rounding off, and an unknown key is an error (a misspelt `treshold` must not leave
/// the default in force unnoticed).
extension Policy: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case threshold, roundingBase, aggregateRoundingBase, percentageMinimumNumerator
        case percentageMinimumRemainder, percentageDecimalPlaces, dominanceN, dominanceK, pPercent
        case protectionMargin, magnitudeProtectionRatio, integerAttackSeconds
    }

    public init(from decoder: any Decoder) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        if let unknown = any.allKeys.first(where: { CodingKeys(stringValue: $0.stringValue) == nil }) {
            let known = CodingKeys.allCases.map(\.stringValue).joined(separator: ", ")
            throw DisclosureError.invalidPolicy(reason: "unknown setting `\(unknown.stringValue)`; known settings: \(known)")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var p = Policy()
        p.threshold = try c.decodeIfPresent(Int.self, forKey: .threshold) ?? p.threshold
        if c.contains(.roundingBase) { p.roundingBase = try c.decodeIfPresent(Int.self, forKey: .roundingBase) }
        if c.contains(.aggregateRoundingBase) {
            p.aggregateRoundingBase = try c.decodeIfPresent(Int.self, forKey: .aggregateRoundingBase)
        }
        p.percentageMinimumNumerator =
            try c.decodeIfPresent(Int.self, forKey: .percentageMinimumNumerator) ?? p.percentageMinimumNumerator
        p.percentageMinimumRemainder =
            try c.decodeIfPresent(Int.self, forKey: .percentageMinimumRemainder) ?? p.percentageMinimumRemainder
        p.percentageDecimalPlaces =
            try c.decodeIfPresent(Int.self, forKey: .percentageDecimalPlaces) ?? p.percentageDecimalPlaces
        p.dominanceN = try c.decodeIfPresent(Int.self, forKey: .dominanceN) ?? p.dominanceN
        p.dominanceK = try c.decodeIfPresent(Double.self, forKey: .dominanceK) ?? p.dominanceK
        p.pPercent = try c.decodeIfPresent(Double.self, forKey: .pPercent) ?? p.pPercent
        p.protectionMargin = try c.decodeIfPresent(Double.self, forKey: .protectionMargin) ?? p.protectionMargin
        p.magnitudeProtectionRatio =
            try c.decodeIfPresent(Double.self, forKey: .magnitudeProtectionRatio) ?? p.magnitudeProtectionRatio
        p.integerAttackSeconds = try c.decodeIfPresent(Double.self, forKey: .integerAttackSeconds) ?? p.integerAttackSeconds
        try p.validate()
        self = p
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(threshold, forKey: .threshold)
        try c.encode(roundingBase, forKey: .roundingBase)
        try c.encode(aggregateRoundingBase, forKey: .aggregateRoundingBase)
        try c.encode(percentageMinimumNumerator, forKey: .percentageMinimumNumerator)
        try c.encode(percentageMinimumRemainder, forKey: .percentageMinimumRemainder)
        try c.encode(percentageDecimalPlaces, forKey: .percentageDecimalPlaces)
        try c.encode(dominanceN, forKey: .dominanceN)
        try c.encode(dominanceK, forKey: .dominanceK)
        try c.encode(pPercent, forKey: .pPercent)
        try c.encode(protectionMargin, forKey: .protectionMargin)
        try c.encode(magnitudeProtectionRatio, forKey: .magnitudeProtectionRatio)
        try c.encode(integerAttackSeconds, forKey: .integerAttackSeconds)
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
