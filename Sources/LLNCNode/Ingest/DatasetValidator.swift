import Foundation

/// The valid rows of one or more files of a dataset for one collection year, with every
/// problem found on the way.
public struct ValidatedDataset: Sendable {
    public let layout: DatasetLayout
    public let year: Int
    public let files: [String]
    public internal(set) var rows: [RowView] = []
    /// Source line of each row in `rows`.
    public internal(set) var lines: [Int] = []
    public internal(set) var issues: [IngestIssue] = []
    public internal(set) var rowsRead = 0
    /// Rows that broke at least one check (a row with two problems counts once).
    public internal(set) var rowsRejected = 0
}

/// How far reading has got, for a progress bar.
public struct IngestProgress: Sendable {
    public let file: String
    public let bytesRead: Int
    public let totalBytes: Int
    public let rowsRead: Int
}

/// Reads and checks files against a layout: header, fields, per-row rules, then rules across
/// each child's rows. Pure apart from reading the files; nothing touches the store.
public struct DatasetValidator {
    public let layout: DatasetLayout
    public let year: Int
    private var parser: FieldParser

    public init(layout: DatasetLayout, year: Int, pseudonymiser: Pseudonymiser) {
        self.layout = layout
        self.year = year
        self.parser = FieldParser(pseudonymiser: pseudonymiser, year: year)
    }

    public mutating func validate(files: [URL], progress: ((IngestProgress) -> Void)? = nil) -> ValidatedDataset {
        var result = ValidatedDataset(layout: layout, year: year, files: files.map(\.lastPathComponent))
        var rowFiles: [String] = []
        for url in files {
            let name = url.lastPathComponent
            let reader: CSVReader
            do { reader = try CSVReader(contentsOf: url) } catch {
                result.issues.append(
                    IngestIssue(
                        file: name, line: nil, column: nil, reason: .unreadableFile,
                        message: "the file cannot be read", fix: "check the path and that you may read it"))
                continue
            }
            let before = result.rows.count
            read(reader, name: name, into: &result, progress: progress)
            rowFiles += Array(repeating: name, count: result.rows.count - before)
        }
        applyFileRules(to: &result, rowFiles: rowFiles)
        return result
    }

    private mutating func read(
        _ reader: CSVReader, name: String, into result: inout ValidatedDataset,
        progress: ((IngestProgress) -> Void)?
    ) {
        var positions: [Int?]? = nil // layout column -> field position
        var headerWidth = 0
        var headerBroken = false
        do {
            try reader.forEachRecord { record in
                guard let map = positions else {
                    (positions, headerWidth) = header(record, file: name, issues: &result.issues)
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
                if let values = row(record, map: map, file: name, issues: &result.issues) {
                    result.rows.append(RowView(layout: layout, values: values, year: year))
                    result.lines.append(record.line)
                } else {
                    result.rowsRejected += 1
                }
            }
        } catch let error as CSVSyntaxError {
            result.issues.append(
                IngestIssue(
                    file: name, line: error.line, column: nil, reason: .malformedCSV,
                    message: "the CSV is malformed: \(error.reason.split(separator: ";").first ?? "")",
                    fix: String(error.reason.split(separator: ";").last ?? "check the quoting").trimmingCharacters(in: .whitespaces)))
        } catch {
            if !headerBroken { preconditionFailure("unexpected error while reading") }
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

    private func applyFileRules(to result: inout ValidatedDataset, rowFiles: [String]) {
        var broken = IndexSet()
        for rule in layout.fileRules {
            for i in rule.violations(result.rows) {
                result.issues.append(
                    IngestIssue(
                        file: rowFiles[i], line: result.lines[i], column: rule.column,
                        reason: .ruleBroken, rule: rule.id, message: rule.message, fix: rule.fix))
                broken.insert(i)
            }
        }
        guard !broken.isEmpty else { return }
        result.rowsRejected += broken.count
        result.rows = result.rows.enumerated().filter { !broken.contains($0.offset) }.map(\.element)
        result.lines = result.lines.enumerated().filter { !broken.contains($0.offset) }.map(\.element)
    }
}
