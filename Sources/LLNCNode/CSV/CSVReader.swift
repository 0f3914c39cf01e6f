import Foundation

/// One record of a CSV file: its fields and the 1-based line on which it starts, so every
/// error can name the line a person will find in their editor.
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [String]
    /// Bytes of the file consumed up to the end of this record: what a progress bar shows.
    public var endOffset: Int = 0
}

/// A problem with the file's structure, before any field is interpreted.
public struct CSVSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "line \(line): \(reason)" }
}

/// An RFC 4180 reader that accepts what real local-authority extracts contain: a UTF-8
/// byte-order mark, CRLF or LF line ends, quoted fields with commas, doubled quotes and line
/// breaks, trailing blanks around unquoted fields, and empty trailing rows (skipped).
///
/// Works on bytes, not `Character`s, so a million-row extract parses at memory speed.
public struct CSVReader: Sendable {
    private let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The file's size in bytes.
    public var byteCount: Int { bytes.count }

    public init(contentsOf url: URL) throws {
        self.bytes = [UInt8](try Data(contentsOf: url))
    }

    /// Calls `body` for each non-blank record in order. Stops at the first syntax error.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1
        var quoted = false
        var wasQuoted = false

        // Trims blanks on bytes: decoding then trimming a String costs more than parsing.
        func endField() {
            var text: String
            if wasQuoted {
                text = String(decoding: field, as: UTF8.self)
            } else {
                var lo = 0
                var hi = field.count
                while lo < hi, field[lo] == 0x20 || field[lo] == 0x09 { lo += 1 }
                while hi > lo, field[hi - 1] == 0x20 || field[hi - 1] == 0x09 { hi -= 1 }
                text = String(decoding: field[lo..<hi], as: UTF8.self)
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        func endRecord() throws {
            endField()
            defer { fields.removeAll(keepingCapacity: true) }
            if fields.allSatisfy(\.isEmpty) { return }
            try body(CSVRecord(line: recordLine, fields: fields, endOffset: i))
        }

        while i < n {
            let c = bytes[i]
            if quoted {
                if c == UInt8(ascii: "\"") {
                    if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                        field.append(c)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    if c == UInt8(ascii: "\n") { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\""):
                guard field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else {
                    throw CSVSyntaxError(line: line, reason: "a quote inside an unquoted field; quote the whole field and double the inner quote")
                }
                field.removeAll(keepingCapacity: true)
                quoted = true
                wasQuoted = true
            case UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "\n"):
                try endRecord()
                line += 1
                recordLine = line
            default:
                field.append(c)
            }
            i += 1
        }
        if quoted {
            throw CSVSyntaxError(line: recordLine, reason: "a quoted field is never closed; add the closing quote")
        }
        if !field.isEmpty || !fields.isEmpty { try endRecord() }
    }

    /// All non-blank records. Convenient for small files; large ones use `forEachRecord`.
    public func records() throws -> [CSVRecord] {
        var out: [CSVRecord] = []
        try forEachRecord { out.append($0) }
        return out
    }
}
