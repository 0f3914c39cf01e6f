import Foundation

/// Writes CSV the way site systems export it (RFC 4180, CRLF line ends), quoting only fields
/// that need it.
struct CSVWriter {
    private(set) var text = ""

    init(header: [String]) { append(header) }

    mutating func append(_ fields: [String]) {
        text += fields.map(Self.quoted).joined(separator: ",") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func write(to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
    }
}
