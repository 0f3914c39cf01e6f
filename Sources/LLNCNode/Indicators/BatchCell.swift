import Foundation
import LLNCProtocol

/// One cell of a batch: the cell that would leave, beside what stays local (the unrounded
/// figures behind it) and the rule behind its status in words, for the review.
public struct BatchCell: Sendable, Hashable {
    public var cell: Cell
    /// The exact figure before rounding or suppression: shown at the site, never sent.
    public var localValue: String?
    public var localNumerator: String?
    public var localDenominator: String?
    /// The rule behind the status, as a sentence (e.g. "primary suppression: threshold").
    public var rule: String

    public init(cell: Cell, localValue: String?, localNumerator: String? = nil, localDenominator: String? = nil, rule: String) {
        self.cell = cell
        self.localValue = localValue
        self.localNumerator = localNumerator
        self.localDenominator = localDenominator
        self.rule = rule
    }
}

/// Decimal strings in the one spelling the protocol accepts: no exponent, no trailing zeros,
/// no `-0`.
enum DecimalText {
    static func format(_ value: Double, places: Int) -> String {
        var text = String(format: "%.\(places)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
