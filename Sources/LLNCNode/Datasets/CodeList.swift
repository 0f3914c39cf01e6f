/// A list of valid codes for one field, versioned by collection year.
///
/// National code lists change (a placement type is added, a reason for closure is added), so
/// each code carries the first and last collection year it is valid in; validating a 2023
/// file against the 2024 list would wrongly reject or accept rows. Matching ignores case,
/// because real extracts write `k3` as often as `K3`; the canonical (listed) spelling is stored.
public struct CodeList: Sendable {
    public struct Entry: Sendable {
        public let code: String
        public let meaning: String
        public let firstYear: Int?
        public let lastYear: Int?

        public func isValid(in year: Int) -> Bool {
            (firstYear.map { year >= $0 } ?? true) && (lastYear.map { year <= $0 } ?? true)
        }
    }

    /// How an analyst knows the field, e.g. "placement type (PLACE)".
    public let name: String
    public let entries: [Entry]
    private let byCode: [String: Entry]

    public init(_ name: String, _ entries: [Entry]) {
        self.name = name
        self.entries = entries
        self.byCode = Dictionary(entries.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Codes valid in every year, each with its meaning.
    public init(_ name: String, codes: [(String, String)]) {
        self.init(name, codes.map { Entry(code: $0.0, meaning: $0.1, firstYear: nil, lastYear: nil) })
    }

    /// Codes valid in every year whose meaning is described by the list's name.
    public init(_ name: String, plain codes: [String]) {
        self.init(name, codes.map { Entry(code: $0, meaning: "", firstYear: nil, lastYear: nil) })
    }

    /// The canonical code if `value` is valid in collection year `year`.
    public func canonical(_ value: String, in year: Int) -> String? {
        guard let entry = byCode[value] ?? byCode[value.uppercased()], entry.isValid(in: year) else { return nil }
        return entry.code
    }

    /// The entry for `value` whatever its years, to explain a code used outside them.
    public func entry(_ value: String) -> Entry? { byCode[value] ?? byCode[value.uppercased()] }

    public func codes(in year: Int) -> [String] { entries.filter { $0.isValid(in: year) }.map(\.code) }

    /// A copy with `code` valid only from `firstYear` (and until `lastYear`).
    func versioned(_ code: String, from firstYear: Int?, until lastYear: Int? = nil) -> CodeList {
        CodeList(
            name,
            entries.map {
                $0.code == code ? Entry(code: $0.code, meaning: $0.meaning, firstYear: firstYear, lastYear: lastYear) : $0
            })
    }
}
