import Foundation
import LLNCCatalogue
import LLNCProtocol

/// The hub's rules beyond the protocol (SPEC.md §6 step 11), in the order the spec gives:
/// the catalogue version is one the hub publishes; every cell is one that version defines;
/// every figure is possible; no figure breaks the national minimum disclosure policy. Pure:
/// values in, a refusal or nothing out, so they are tested with tables of cells.
public struct HubRules: Sendable {
    /// The terms of every catalogue version this hub publishes; cells computed with any
    /// other cannot be compared nationally.
    public var acceptedCatalogues: [CatalogueTerms]

    public var acceptedCatalogueVersions: [String] { acceptedCatalogues.map(\.version) }

    public init(acceptedCatalogues: [CatalogueTerms]) {
        self.acceptedCatalogues = acceptedCatalogues
    }

    public func check(_ payload: Payload) throws(HubRejection) {
        guard let terms = acceptedCatalogues.first(where: { $0.version == payload.catalogueVersion }) else {
            throw .catalogueVersionUnknown(got: payload.catalogueVersion, accepted: acceptedCatalogueVersions)
        }
        for (index, cell) in payload.cells.enumerated() {
            do { try terms.check(cell, index: index) } catch { throw .cellNotInCatalogue(error) }
            try PossibleFigure.check(cell, index: index)
            try MinimumDisclosurePolicy.check(cell, index: index)
        }
    }
}

/// Figures no real count, ratio or sum can have, refused before they can be stored and
/// released as national figures (an enrolled site sent a percentage of 250; a rate sent as a
/// count was released as one). SPEC.md §6 step 11 lists the rules:
///
/// - counts, numerators and denominators are whole numbers, never negative;
/// - a denominator is above zero, and a numerator is at most its denominator;
/// - a percentage lies in 0...100, and a rate, a sum of money or of days is never negative;
/// - a percentage or rate agrees with its own numerator and denominator: it lies between
///   the ratios their shown values allow when each may be off by up to `roundingAllowance`
///   (a site rounds the counts it shows, the ratio is of the true counts), give or take half
///   a unit of the value's last decimal place.
public enum PossibleFigure {
    /// How far a shown numerator or denominator may be from the count behind the ratio:
    /// rounding to a base of up to 10.
    public static let roundingAllowance = 5.0

    public static func check(_ cell: Cell, index: Int) throws(HubRejection) {
        let here = "cells[\(index)]"
        func impossible(_ field: String, _ reason: String) -> HubRejection {
            .figureImpossible(field: "\(here).\(field)", reason: reason)
        }
        let numerator = cell.numerator.flatMap(Double.init)
        let denominator = cell.denominator.flatMap(Double.init)
        for (name, text, number) in [("numerator", cell.numerator, numerator), ("denominator", cell.denominator, denominator)] {
            guard let text else { continue }
            guard let number, isWhole(text), number >= 0 else { throw impossible(name, "is not a whole count of 0 or more") }
        }
        if let denominator, denominator == 0 { throw impossible("denominator", "is 0: a ratio needs a denominator above 0") }
        if let numerator, let denominator, numerator > denominator {
            throw impossible("numerator", "is larger than the denominator: a \(cell.unit.rawValue) counts part of its denominator")
        }
        guard let text = cell.value, let value = Double(text) else { return }
        switch cell.unit {
        case .count:
            guard isWhole(text) else { throw impossible("value", "is not a whole number: a count is a number of children or events") }
        case .percentage:
            guard (0...100).contains(value) else { throw impossible("value", "is not a percentage from 0 to 100") }
        case .ratePer10000, .gbp, .gbpPerWeek, .days:
            guard value >= 0 else { throw impossible("value", "is negative: a \(cell.unit.rawValue) is 0 or more") }
        }
        let scale: Double? =
            switch cell.unit {
            case .percentage: 100
            case .ratePer10000: 10_000
            default: nil
            }
        if let scale, let numerator, let denominator {
            let slack = 0.5 * pow(10, -Double(decimalPlaces(text)))
            let lowest = scale * max(numerator - roundingAllowance, 0) / (denominator + roundingAllowance)
            let highest =
                denominator > roundingAllowance
                ? scale * (numerator + roundingAllowance) / (denominator - roundingAllowance) : Double.infinity
            guard value >= lowest - slack, value <= highest + slack else {
                throw impossible("value", "does not agree with its numerator and denominator, even allowing for their rounding")
            }
        }
    }

    /// A protocol decimal string with no fraction, or a fraction of zeros only.
    static func isWhole(_ decimal: String) -> Bool {
        let parts = decimal.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 1 || parts[1].allSatisfy { $0 == "0" }
    }

    static func decimalPlaces(_ decimal: String) -> Int {
        decimal.firstIndex(of: ".").map { decimal.distance(from: $0, to: decimal.endIndex) - 1 } ?? 0
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
        let shown: Bool =
            switch cell.status {
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
