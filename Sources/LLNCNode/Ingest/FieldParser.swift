/// Turns one raw field into a `FieldValue` for its column, or a problem. Identifiers are
/// pseudonymised here, so the raw id goes no further than this function.
///
/// Keeps a cache of pseudonyms: an episodes file names each child several times and keyed
/// hashing is the most expensive step of ingest. The cache holds at most `cacheLimit`
/// identifiers and starts again when full: a child's rows sit close together in a real
/// extract, so the hits survive, and a file of millions of children costs no more memory
/// than one of a hundred thousand.
struct FieldParser {
    let pseudonymiser: Pseudonymiser
    let year: Int
    static let cacheLimit = 100_000
    private var childCache: [String: String] = [:]
    private var upnCache: [String: String] = [:]

    init(pseudonymiser: Pseudonymiser, year: Int) {
        self.pseudonymiser = pseudonymiser
        self.year = year
    }

    /// A problem with one field, before it knows its file and line.
    struct Problem: Error {
        let reason: IngestIssue.Reason
        let message: String
        let fix: String
    }

    mutating func parse(_ raw: String, as column: Column) throws(Problem) -> FieldValue {
        var isFreeText = false
        if case .freeText = column.kind { isFreeText = true }
        if let position = Self.invisibleCharacter(in: raw, freeText: isFreeText) {
            throw Problem(
                reason: .invisibleCharacter,
                message:
                    "\(column.name) holds an invisible or control character (a NUL, byte-order mark, zero-width or direction mark) at character \(position)",
                fix: "remove it and export again as plain UTF-8: hidden characters make an identifier differ from the same child's in other files")
        }
        if raw.isEmpty {
            guard case .required = column.need else { return .none }
            throw Problem(
                reason: .missingValue, message: "\(column.name) is blank",
                fix: "give \(column.valueKind) in every row")
        }
        switch column.kind {
        case .childID:
            guard raw.utf8.count <= 40 else {
                throw Problem(
                    reason: .badIdentifier, message: "\(column.name) is longer than 40 characters",
                    fix: "check the column holds the LA's child id")
            }
            if let cached = childCache[raw] { return .text(cached) }
            let pseudonym = pseudonymiser.child(raw)
            if childCache.count >= Self.cacheLimit { childCache.removeAll(keepingCapacity: true) }
            childCache[raw] = pseudonym
            return .text(pseudonym)
        case .upn:
            switch UPNValue(raw) {
            case .unknown: return .none
            case .invalid:
                throw Problem(
                    reason: .badIdentifier, message: "\(column.name) is not a well-formed UPN",
                    fix: "give 13 characters (a letter, 11 digits, a digit or letter) or UN1-UN5 when there is no UPN")
            case .number(let upn):
                if let cached = upnCache[upn] { return .text(cached) }
                let pseudonym = pseudonymiser.upn(upn)
                if upnCache.count >= Self.cacheLimit { upnCache.removeAll(keepingCapacity: true) }
                upnCache[upn] = pseudonym
                return .text(pseudonym)
            }
        case .date, .dateOfBirth:
            guard let day = CalendarDay(ddmmyyyy: raw) else {
                throw Problem(
                    reason: .badDate, message: "\(column.name) is not a real date in dd/mm/yyyy form",
                    fix: "write \(column.valueKind) as dd/mm/yyyy: two-digit day, two-digit month, four-digit year, separated by /")
            }
            return .day(day)
        case .code(let list):
            return .text(try Self.code(raw, in: list, year: year, column: column.name))
        case .codes(let list):
            let parts = raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " })
            return .text(
                try parts.map { part throws(Problem) in
                    try Self.code(String(part), in: list, year: year, column: column.name)
                }.joined(separator: ","))
        case .integer(let range):
            guard let n = Int(raw) else {
                throw Problem(reason: .badNumber, message: "\(column.name) is not a whole number", fix: "give digits only")
            }
            guard range.contains(n) else {
                throw Problem(
                    reason: .outOfRange, message: "\(column.name) is outside \(range.lowerBound) to \(range.upperBound)",
                    fix: "check the value")
            }
            return .integer(n)
        case .decimal(let range):
            guard let x = Double(raw.filter { $0 != "£" && $0 != "," }), x.isFinite else {
                throw Problem(
                    reason: .badNumber, message: "\(column.name) is not a number",
                    fix: "give a number such as 1234.50 (a £ sign and thousands commas are allowed)")
            }
            guard range.contains(x) else {
                throw Problem(
                    reason: .outOfRange, message: "\(column.name) is outside \(range.lowerBound) to \(range.upperBound)",
                    fix: "check the value and its unit (pounds per week)")
            }
            return .real(x)
        case .postcodeDistrict:
            guard let district = postcodeDistrict(raw) else {
                throw Problem(
                    reason: .badPostcode, message: "\(column.name) is not a UK postcode or postcode district",
                    fix: "give a postcode such as 'OL1 1AA' or its district 'OL1'")
            }
            return .text(district)
        case .reference(let maxLength):
            guard raw.count <= maxLength else {
                throw Problem(
                    reason: .tooLong, message: "\(column.name) is longer than \(maxLength) characters",
                    fix: "shorten it to \(maxLength) characters")
            }
            return .text(raw)
        case .freeText:
            return .text(raw)
        }
    }

    /// The 1-based position of the first character no export should hold inside a field:
    /// C0 and C1 controls (free text may keep tab and line breaks), U+FEFF, zero-width
    /// and direction marks. Such a character changes an identifier's pseudonym without
    /// changing how it looks, so the child would silently stop linking.
    static func invisibleCharacter(in raw: String, freeText: Bool) -> Int? {
        // Fast path: plain ASCII with no controls, which is nearly every field.
        if raw.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        for (offset, scalar) in raw.unicodeScalars.enumerated() {
            let v = scalar.value
            let allowedInText = freeText && (v == 0x09 || v == 0x0A || v == 0x0D)
            let control = v < 0x20 || (0x7F...0x9F).contains(v)
            let invisible =
                v == 0xFEFF || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2060...0x2064).contains(v) || (0x2066...0x2069).contains(v)
            if (control && !allowedInText) || invisible { return offset + 1 }
        }
        return nil
    }

    private static func code(_ raw: String, in list: CodeList, year: Int, column: String) throws(Problem) -> String {
        if let code = list.canonical(raw, in: year) { return code }
        let valid = list.codes(in: year)
        let shown = valid.count <= 30 ? valid.joined(separator: " ") : "see node/DATASETS.md"
        if let entry = list.entry(raw) {
            let years = [entry.firstYear.map { "from \($0)" }, entry.lastYear.map { "until \($0)" }]
                .compactMap { $0 }.joined(separator: " ")
            throw Problem(
                reason: .badCode,
                message: "\(column) holds a code of \(list.name) that is valid only \(years), not in collection year \(year)",
                fix: "use a code valid in \(year): \(shown)")
        }
        throw Problem(reason: .badCode, message: "\(column) is not a code of \(list.name)", fix: "use one of: \(shown)")
    }
}
