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
/// Works on bytes, not `Character`s, so a million-row extract parses at memory speed. A file
/// is read in chunks of `chunkSize` bytes as it is parsed, so memory stays at one chunk and
/// one record whatever the file's size.
public struct CSVReader: Sendable {
    private enum Source: Sendable {
        case bytes([UInt8])
        case file(URL)
    }

    private let source: Source
    /// The file's size in bytes.
    public let byteCount: Int
    /// How much of a file is read at a time.
    let chunkSize: Int

    public init(bytes: [UInt8]) {
        source = .bytes(bytes)
        byteCount = bytes.count
        chunkSize = bytes.count
    }

    /// A reader of the file at `url`, `chunkSize` bytes at a time; throws now if it cannot
    /// be opened.
    public init(contentsOf url: URL, chunkSize: Int = 1 << 20) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        byteCount = Int(try handle.seekToEnd())
        source = .file(url)
        self.chunkSize = max(1, chunkSize)
    }

    /// Calls `body` for each non-blank record in order. Stops at the first syntax error.
    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        var parser = Parser()
        switch source {
        case .bytes(let bytes):
            try bytes.withUnsafeBufferPointer { try parser.feed($0, body) }
        case .file(let url):
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
                try chunk.withUnsafeBytes { raw in try parser.feed(raw.bindMemory(to: UInt8.self), body) }
            }
        }
        try parser.finish(body)
    }

    /// The reader's state between chunks: a record, a field or a doubled quote may span two.
    private struct Parser {
        var offset = 0
        var line = 1
        var fields: [String] = []
        var field: [UInt8] = []
        var recordLine = 1
        var quoted = false
        var wasQuoted = false
        /// Inside a quoted field, a quote was just read: a second one is a literal quote,
        /// anything else closes the field.
        var quotePending = false
        /// How many bytes of the byte-order mark the file has begun with; -1 once past it.
        var bomMatched = 0

        // Trims blanks on bytes: decoding then trimming a String costs more than parsing.
        mutating func endField() {
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

        mutating func endRecord(_ body: (CSVRecord) throws -> Void) throws {
            endField()
            defer { fields.removeAll(keepingCapacity: true) }
            if fields.allSatisfy(\.isEmpty) { return }
            try body(CSVRecord(line: recordLine, fields: fields, endOffset: offset))
        }

        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) throws {
            var i = 0
            let n = bytes.count
            // The UTF-8 byte-order mark, which may itself arrive split across chunks; a
            // start that only looks like one is data after all.
            while bomMatched >= 0, i < n {
                if bytes[i] == Self.byteOrderMark[bomMatched] {
                    bomMatched += 1
                    i += 1
                    offset += 1
                    if bomMatched == 3 { bomMatched = -1 }
                } else {
                    let held = Self.byteOrderMark.prefix(bomMatched)
                    bomMatched = -1
                    offset -= held.count
                    for c in held { try consume(c, body) }
                }
            }
            while i < n {
                try consume(bytes[i], body)
                i += 1
            }
        }

        static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

        @inline(__always)
        private mutating func consume(_ c: UInt8, _ body: (CSVRecord) throws -> Void) throws {
            offset += 1
            if quotePending {
                quotePending = false
                if c == UInt8(ascii: "\"") {
                    field.append(c)
                    return
                }
                quoted = false
            }
            if quoted {
                if c == UInt8(ascii: "\"") {
                    quotePending = true
                } else {
                    if c == UInt8(ascii: "\n") { line += 1 }
                    field.append(c)
                }
                return
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
                try endRecord(body)
                line += 1
                recordLine = line
            default:
                field.append(c)
            }
        }

        mutating func finish(_ body: (CSVRecord) throws -> Void) throws {
            if bomMatched > 0 {
                let held = Self.byteOrderMark.prefix(bomMatched)
                bomMatched = -1
                for c in held { try consume(c, body) }
            }
            if quotePending {
                quotePending = false
                quoted = false
            }
            if quoted {
                throw CSVSyntaxError(line: recordLine, reason: "a quoted field is never closed; add the closing quote")
            }
            if !field.isEmpty || !fields.isEmpty { try endRecord(body) }
        }
    }

    /// All non-blank records. Convenient for small files; large ones use `forEachRecord`.
    public func records() throws -> [CSVRecord] {
        var out: [CSVRecord] = []
        try forEachRecord { out.append($0) }
        return out
    }
}
