import LLNCProtocol

/// The hub's rules beyond the protocol (SPEC.md §6 step 11). Pure: values in, a refusal or
/// nothing out, so they are tested with tables of cells.
public struct HubRules: Sendable {
    /// The indicator catalogue versions this hub publishes; cells computed with any other
    /// cannot be compared nationally.
    public var acceptedCatalogueVersions: [String]

    public init(acceptedCatalogueVersions: [String]) {
        self.acceptedCatalogueVersions = acceptedCatalogueVersions
    }

    public func check(_ payload: Payload) throws(HubRejection) {
        guard acceptedCatalogueVersions.contains(payload.catalogueVersion) else {
            throw .catalogueVersionUnknown(got: payload.catalogueVersion, accepted: acceptedCatalogueVersions)
        }
        for (index, cell) in payload.cells.enumerated() {
            try MinimumDisclosurePolicy.check(cell, index: index)
        }
    }
}

/// The national minimum disclosure policy: no figure that shows a count of 1 to 9 leaves the
/// hub, whatever a site's own rules said. The hub is the last line of defence: a node's
/// disclosure control can be misconfigured, and a small count can identify a child.
///
/// Refused: a `count` cell shown as a value (published, rounded or perturbed) with
/// 0 < value < 10 (a perturbed 9.4 discloses a small count as surely as 9), and any cell
/// whose numerator or denominator is in that range (the counts behind a ratio are shown
/// with it), and a count marked `low` or `k` (rounds to zero but is not zero). Zero is
/// allowed: a true zero is not disclosive under the policy.
public enum MinimumDisclosurePolicy {
    public static func check(_ cell: Cell, index: Int) throws(HubRejection) {
        let shown: Bool = switch cell.status {
        case .published, .rounded, .perturbed: true
        case .suppressed, .unavailable, .notApplicable: false
        }
        if cell.unit == .count, shown, let value = cell.value, isSmallCount(value) {
            throw .belowDisclosureThreshold(field: "cells[\(index)].value")
        }
        // `low` and `k` say "rounds to zero but is not zero": on a count, that is a count of 1
        // to 2 (or so) made public, which the threshold forbids.
        if cell.unit == .count, cell.symbol == .low || cell.symbol == .k {
            throw .belowDisclosureThreshold(field: "cells[\(index)].symbol")
        }
        if let numerator = cell.numerator, isSmallCount(numerator) {
            throw .belowDisclosureThreshold(field: "cells[\(index)].numerator")
        }
        if let denominator = cell.denominator, isSmallCount(denominator) {
            throw .belowDisclosureThreshold(field: "cells[\(index)].denominator")
        }
    }

    /// Whether a protocol decimal string (`^-?(0|[1-9][0-9]{0,14})(\.[0-9]{1,6})?$`) lies
    /// strictly between 0 and 10. Decided on the text: an integer part of one digit 1-9, or
    /// of 0 with a non-zero fraction.
    static func isSmallCount(_ decimal: String) -> Bool {
        guard !decimal.hasPrefix("-") else { return false }
        let parts = decimal.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let integer = parts.first, integer.count == 1 else { return false }
        if integer != "0" { return true }
        return parts.count == 2 && parts[1].contains { $0 != "0" }
    }
}
