import Foundation

/// What reading a dataset's files found: counts and problems, never a value. The valid rows
/// themselves went to the reader's sink as they were read.
public struct DatasetReading: Sendable {
    public let layout: DatasetLayout
    public let year: Int
    public let files: [String]
    public internal(set) var rowsRead = 0
    /// Rows that passed the field and row checks (the file rules come later, in the store).
    public internal(set) var rowsValid = 0
    /// Rows that broke at least one check (a row with two problems counts once).
    public internal(set) var rowsRejected = 0
    public internal(set) var issues = IssueList()
}

/// The problems of one ingest: every one counted by its summary label, the first `limit`
/// kept in full, so a file with a million bad rows costs no more memory than one with ten
/// thousand (nobody reads past the first screenful; the counts tell the rest).
public struct IssueList: Sendable, Equatable {
    public static let limit = 10_000
    public private(set) var kept: [IngestIssue] = []
    public private(set) var count = 0
    public private(set) var byLabel: [String: Int] = [:]
    /// Whether any problem makes a whole file untrustworthy (`IngestIssue.rejectsWholeFile`).
    public private(set) var rejectsWholeFile = false

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ issue: IngestIssue) {
        count += 1
        byLabel[issue.summaryLabel, default: 0] += 1
        if issue.rejectsWholeFile { rejectsWholeFile = true }
        if kept.count < Self.limit { kept.append(issue) }
    }

    public static func += (list: inout IssueList, issues: [IngestIssue]) {
        for issue in issues { list.append(issue) }
    }
}

/// How far reading has got, for a progress bar.
public struct IngestProgress: Sendable {
    public let file: String
    public let bytesRead: Int
    public let totalBytes: Int
    public let rowsRead: Int
}

/// Reads and checks files against a layout, streaming: header, fields and per-row rules, each
/// valid row handed to the sink as soon as it is read and then forgotten. The rules across a
/// child's rows (`DatasetLayout.fileRules`) need every row of the child, so the store applies
/// them to what the sink stored (`YearLoad.fileRuleBreaks`). Nothing here touches the store.
public struct DatasetValidator {
    public let layout: DatasetLayout
    public let year: Int
    private var parser: FieldParser

    public init(layout: DatasetLayout, year: Int, pseudonymiser: Pseudonymiser) {
        self.layout = layout
        self.year = year
        self.parser = FieldParser(pseudonymiser: pseudonymiser, year: year)
    }

    /// A failure of the sink (the store), not of the files: it ends the reading.
    struct SinkFailed: Error {
        let error: any Error
    }

    /// Reads `files` in order; `row` gets each valid row with its line and the index of its
    /// file. Throws only what `row` throws.
    public mutating func read(
        files: [URL], progress: ((IngestProgress) -> Void)? = nil, row sink: (RowView, _ line: Int, _ file: Int) throws -> Void
    ) throws -> DatasetReading {
        var result = DatasetReading(layout: layout, year: year, files: files.map(\.lastPathComponent))
        for (index, url) in files.enumerated() {
            let name = url.lastPathComponent
            let reader: CSVReader
            do { reader = try CSVReader(contentsOf: url) } catch {
                result.issues.append(
                    IngestIssue(
                        file: name, line: nil, column: nil, reason: .unreadableFile,
                        message: "the file cannot be read", fix: "check the path and that you may read it"))
                continue
            }
            do {
                try read(reader, name: name, into: &result, progress: progress) { try sink($0, $1, index) }
            } catch let failure as SinkFailed {
                throw failure.error
            }
        }
        return result
    }

    private mutating func read(
        _ reader: CSVReader, name: String, into result: inout DatasetReading,
        progress: ((IngestProgress) -> Void)?, sink: (RowView, Int) throws -> Void
    ) throws {
        var positions: [Int?]? = nil // layout column -> field position
        var headerWidth = 0
        var headerBroken = false
        do {
            try reader.forEachRecord { record in
                guard let map = positions else {
                    var problems: [IngestIssue] = []
                    (positions, headerWidth) = header(record, file: name, issues: &problems)
                    result.issues += problems
                    if positions == nil {
                        headerBroken = true
                        throw StopReading()
                    }
                    return
                }
                result.rowsRead += 1
                if let progress, result.rowsRead % 50_000 == 0 {
                    progress(IngestProgress(file: name, bytesRead: record.endOffset, totalBytes: reader.byteCount, rowsRead: result.rowsRead))
                }
                guard record.fields.count == headerWidth else {
                    result.rowsRejected += 1
                    result.issues.append(
                        IngestIssue(
                            file: name, line: record.line, column: nil, reason: .wrongFieldCount,
                            message: "the row has \(record.fields.count) fields but the header has \(headerWidth)",
                            fix: "quote any field that contains a comma, and give every column a (possibly empty) field"))
                    return
                }
                var problems: [IngestIssue] = []
                if let values = row(record, map: map, file: name, issues: &problems) {
                    result.rowsValid += 1
                    do { try sink(RowView(layout: layout, values: values, year: year), record.line) } catch { throw SinkFailed(error: error) }
                } else {
                    result.rowsRejected += 1
                }
                result.issues += problems
            }
        } catch let error as CSVSyntaxError {
            result.issues.append(
                IngestIssue(
                    file: name, line: error.line, column: nil, reason: .malformedCSV,
                    message: "the CSV is malformed: \(error.reason.split(separator: ";").first ?? "")",
                    fix: String(error.reason.split(separator: ";").last ?? "check the quoting").trimmingCharacters(in: .whitespaces)))
        } catch let failure as SinkFailed {
            throw failure
        } catch is StopReading {
        } catch {
            // The file went away or the disk failed part-way: no row of it can be trusted.
            result.issues.append(
                IngestIssue(
                    file: name, line: nil, column: nil, reason: .unreadableFile,
                    message: "the file could not be read to its end", fix: "check the disk and the file, then ingest again"))
        }
        if positions == nil, !headerBroken {
            result.issues.append(
                IngestIssue(
                    file: name, line: nil, column: nil, reason: .missingHeader,
                    message: "the file is empty", fix: "export the file again with its header row"))
        }
    }

    private struct StopReading: Error {}

    /// Maps the header to layout columns, or reports why the file cannot be read.
    private func header(_ record: CSVRecord, file: String, issues: inout [IngestIssue]) -> ([Int?]?, Int) {
        let names = record.fields.map { $0.uppercased() }
        var positions = [Int?](repeating: nil, count: layout.columns.count)
        var seen = Set<String>()
        var problems: [IngestIssue] = []
        for (position, name) in names.enumerated() {
            guard let index = layout.index(of: name) else { continue }
            if !seen.insert(name).inserted {
                problems.append(
                    IngestIssue(
                        file: file, line: record.line, column: layout.columns[index].name,
                        reason: .duplicateColumn, message: "the header names \(layout.columns[index].name) twice",
                        fix: "remove or rename the second column"))
            }
            positions[index] = position
        }
        if seen.isEmpty {
            issues.append(
                IngestIssue(
                    file: file, line: record.line, column: nil, reason: .missingHeader,
                    message: "the first row is not a \(layout.title) header",
                    fix: "add the header row (\(layout.columns.map(\.name).joined(separator: ","))) or check the dataset name"))
            return (nil, 0)
        }
        for (index, column) in layout.columns.enumerated() where positions[index] == nil {
            if case .optional = column.need { continue }
            problems.append(
                IngestIssue(
                    file: file, line: record.line, column: column.name, reason: .missingColumn,
                    message: "the header has no \(column.name) column", fix: "add the column \(column.name) (\(column.valueKind))"))
        }
        issues += problems
        return (problems.isEmpty ? positions : nil, names.count)
    }

    /// The row's values, or nil after recording every problem in it.
    private mutating func row(_ record: CSVRecord, map: [Int?], file: String, issues: inout [IngestIssue]) -> [FieldValue]? {
        var values = [FieldValue]()
        values.reserveCapacity(map.count)
        var ok = true
        for (index, column) in layout.columns.enumerated() {
            let raw = map[index].map { record.fields[$0] } ?? ""
            do {
                values.append(try parser.parse(raw, as: column))
            } catch {
                ok = false
                values.append(.none)
                issues.append(
                    IngestIssue(
                        file: file, line: record.line, column: column.name, reason: error.reason,
                        message: error.message, fix: error.fix))
            }
        }
        guard ok else { return nil }
        for group in layout.oneOf where group.allSatisfy({ values[layout.index(of: $0)!].isNone }) {
            issues.append(
                IngestIssue(
                    file: file, line: record.line, column: group[0], reason: .noIdentity,
                    message: "none of \(group.joined(separator: ", ")) is given",
                    fix: "give at least one of \(group.joined(separator: " or ")) so the row belongs to a child"))
            return nil
        }
        let view = RowView(layout: layout, values: values, year: year)
        for rule in layout.rowRules where !rule.holds(view) {
            ok = false
            issues.append(
                IngestIssue(
                    file: file, line: record.line, column: rule.column, reason: .ruleBroken,
                    rule: rule.id, message: rule.message, fix: rule.fix))
        }
        return ok ? values : nil
    }
}
