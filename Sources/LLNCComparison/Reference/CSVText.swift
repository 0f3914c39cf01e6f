/// A small RFC 4180 reader for the reference files: quoted fields (with `""` escapes and
/// commas inside), CRLF or LF line ends, a leading byte-order mark. Each row keeps its
/// 1-based line number so errors can name it.
struct CSVText {
    struct Row {
        var line: Int
        var fields: [String]
    }

    let file: String
    let header: [String]
    let rows: [Row]

    init(file: String, text: String) throws(ReferenceDataError) {
        self.file = file
        var rows: [Row] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var rowLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            quoted = false
                            pending = n
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\u{FEFF}" where line == 1 && fields.isEmpty && field.isEmpty:
                continue
            case "\"" where field.isEmpty:
                quoted = true
            case ",":
                fields.append(field)
                field = ""
            case "\r":
                continue
            case "\n":
                fields.append(field)
                rows.append(Row(line: rowLine, fields: fields))
                fields = []
                field = ""
                line += 1
                rowLine = line
            default:
                field.unicodeScalars.append(c)
            }
        }
        if quoted {
            throw ReferenceDataError(file: file, line: rowLine, column: "", reason: "a quoted field is never closed")
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append(Row(line: rowLine, fields: fields))
        }
        guard let first = rows.first else {
            throw ReferenceDataError(file: file, line: 1, column: "", reason: "the file is empty; it needs a header row")
        }
        header = first.fields.map { $0.trimmingSpaces }
        self.rows = Array(rows.dropFirst())
    }

    /// The position of a header column, or an error naming the missing column.
    func column(_ name: String) throws(ReferenceDataError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw ReferenceDataError(file: file, line: 1, column: name, reason: "the header has no column `\(name)`")
        }
        return index
    }

    /// The trimmed field, or an error when the row is too short.
    func field(_ row: Row, _ index: Int) throws(ReferenceDataError) -> String {
        guard index < row.fields.count else {
            throw ReferenceDataError(
                file: file, line: row.line, column: header[index],
                reason: "the row has \(row.fields.count) fields but the header has \(header.count)")
        }
        return row.fields[index].trimmingSpaces
    }

    func error(_ row: Row, _ index: Int, _ reason: String) -> ReferenceDataError {
        ReferenceDataError(file: file, line: row.line, column: header[index], reason: reason)
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
        return String(scalars)
    }

    /// A 3-digit DfE LA number.
    var isLANumber: Bool { utf8.count == 3 && utf8.allSatisfy { (48...57).contains($0) } }
}
