/// One problem found while reading a file: where it is, what kind of problem, and the fix.
///
/// The message names the column and the *kind* of value expected; it never contains the
/// value itself, so an issue list can be printed, logged or mailed to a helpdesk without
/// carrying an identifier or a date of birth.
public struct IngestIssue: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        case unreadableFile = "unreadable file"
        case malformedCSV = "malformed CSV"
        case missingHeader = "missing header"
        case missingColumn = "missing column"
        case duplicateColumn = "duplicate column"
        case wrongFieldCount = "wrong number of fields"
        case missingValue = "missing value"
        case badDate = "not a date"
        case badCode = "not a valid code"
        case badNumber = "not a number"
        case outOfRange = "out of range"
        case badIdentifier = "malformed identifier"
        case badPostcode = "not a postcode"
        case tooLong = "too long"
        case invisibleCharacter = "invisible or control character"
        case noIdentity = "no child identifier"
        case ruleBroken = "rule broken"
    }

    /// The file's name (not its directory, which may name a person's home folder).
    public let file: String
    /// 1-based line where the record starts; nil for a problem with the whole file.
    public let line: Int?
    public let column: String?
    public let reason: Reason
    /// The rule's id when `reason` is `.ruleBroken`, e.g. `903.episodes-overlap`.
    public let rule: String?
    public let message: String
    public let fix: String

    public init(file: String, line: Int?, column: String?, reason: Reason, rule: String? = nil, message: String, fix: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.rule = rule
        self.message = message
        self.fix = fix
    }

    /// A problem with the file as a whole (unreadable, no header, a missing column): no row
    /// of it can be trusted, so even `--accept-valid` loads nothing from it.
    public var rejectsWholeFile: Bool {
        line == nil || [.unreadableFile, .missingHeader, .missingColumn, .duplicateColumn].contains(reason)
    }

    /// The label the end-of-ingest summary counts rows under.
    public var summaryLabel: String { rule.map { "rule \($0)" } ?? reason.rawValue }

    public var description: String {
        var place = file
        if let line { place += ", line \(line)" }
        if let column { place += ", column \(column)" }
        return "\(place): \(message). Fix: \(fix)."
    }
}
