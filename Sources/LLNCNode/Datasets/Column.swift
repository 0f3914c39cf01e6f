/// One column of a dataset layout: what the extract calls it, what kind of value it holds,
/// whether it must be there, and where (if anywhere) the store keeps it.
///
/// The *kind* decides both validation and what survives ingest: identifiers become keyed
/// hashes, a date of birth becomes its month, a postcode becomes its district, and a column
/// with no `stored` name is read for validation only and then dropped.
public struct Column: Sendable {
    public enum Kind: Sendable {
        /// The LA's own child id (CHILD, LAchildID): stored as a keyed hash.
        case childID
        /// A unique pupil number, or UN1-UN5 for "no UPN": stored as a keyed hash or NULL.
        case upn
        /// Used for age rules at ingest; only `yyyy-mm` is stored.
        case dateOfBirth
        case date
        case code(CodeList)
        /// Several codes in one field, separated by commas, semicolons or spaces.
        case codes(CodeList)
        case integer(ClosedRange<Int>)
        case decimal(ClosedRange<Double>)
        /// A full or partial postcode: only the district (outward code) is stored.
        case postcodeDistrict
        /// A local, non-identifying reference such as CINdetailsID or a survey question id.
        case reference(maxLength: Int)
        /// Free text (survey comments): kept in the store, never in any output.
        case freeText
    }

    public enum Need: Sendable {
        /// The header must name it and every row must fill it.
        case required
        /// The header must name it; a row may leave it blank (e.g. DEC for an open episode).
        case inHeader
        /// May be missing from the header or blank.
        case optional
    }

    public let name: String
    public let kind: Kind
    public let need: Need
    public let stored: String?

    public init(_ name: String, _ kind: Kind, _ need: Need = .required, stored: String?) {
        self.name = name
        self.kind = kind
        self.need = need
        self.stored = stored
    }

    /// How an error names the kind of value, never the value: "a date of birth", "a UPN".
    public var valueKind: String {
        switch kind {
        case .childID: "a child identifier"
        case .upn: "a UPN"
        case .dateOfBirth: "a date of birth"
        case .date: "a date"
        case .code(let list), .codes(let list): "a code for \(list.name)"
        case .integer: "a whole number"
        case .decimal: "a number"
        case .postcodeDistrict: "a postcode"
        case .reference: "a reference"
        case .freeText: "free text"
        }
    }

    /// Identifiers and dates of birth are never echoed, nor anything that might be one.
    var isSensitive: Bool {
        switch kind {
        case .childID, .upn, .dateOfBirth, .postcodeDistrict, .freeText: true
        default: false
        }
    }
}

/// A field after validation: what rules read and what the store receives.
public enum FieldValue: Sendable, Hashable {
    case none
    case text(String)
    case integer(Int)
    case real(Double)
    case day(CalendarDay)

    public var day: CalendarDay? { if case .day(let d) = self { d } else { nil } }
    public var text: String? { if case .text(let t) = self { t } else { nil } }
    public var integer: Int? { if case .integer(let i) = self { i } else { nil } }
    public var real: Double? {
        switch self {
        case .real(let r): r
        case .integer(let i): Double(i)
        default: nil
        }
    }
    public var isNone: Bool { self == .none }
}
