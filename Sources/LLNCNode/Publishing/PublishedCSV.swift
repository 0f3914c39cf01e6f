import Foundation
import LLNCDisclosure

/// Tidy CSV tables in and out of disclosure control (layout in node/PROTECT.md): a header,
/// then one row per cell with the dimension columns first and the value column last. `Total`
/// in a dimension column marks a margin. Reads with the node's `CSVReader`.
public enum PublishedCSV {
    public static let total = "Total"

    /// Rows of a tidy CSV: the header's dimension columns and value column, and each cell's
    /// values with the line it came from.
    struct Rows {
        var dimensions: [String]
        var valueColumn: String
        var extraColumns: [String]
        var cells: [(line: Int, key: [String], value: String, extra: [String])]
    }

    static func rows(_ bytes: [UInt8], file: String, extraColumns: Set<String> = []) throws -> Rows {
        let records = try CSVReader(bytes: bytes).records()
        guard let header = records.first else {
            throw PublishingError(file: file, line: 1, reason: "the file is empty; give a header and one row per cell")
        }
        let extras = header.fields.filter { extraColumns.contains($0) }
        let columns = header.fields.filter { !extraColumns.contains($0) }
        guard columns.count >= 2 else {
            throw PublishingError(file: file, line: header.line, reason: "need at least one dimension column and a value column (last)")
        }
        var rows = Rows(dimensions: Array(columns.dropLast()), valueColumn: columns.last!, extraColumns: extras, cells: [])
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw PublishingError(
                    file: file, line: record.line, reason: "has \(record.fields.count) fields but the header has \(header.fields.count)")
            }
            let byName = Dictionary(zip(header.fields, record.fields), uniquingKeysWith: { a, _ in a })
            rows.cells.append((record.line, rows.dimensions.map { byName[$0]! }, byName[rows.valueColumn]!, extras.map { byName[$0]! }))
        }
        guard !rows.cells.isEmpty else { throw PublishingError(file: file, line: header.line, reason: "no rows after the header") }
        return rows
    }

    /// Reads unrounded counts into a table ready for `protected(by:)`. Margins (`Total` rows)
    /// may be given, and are then checked, or left out and computed.
    public static func readCounts(_ bytes: [UInt8], file: String, settings: ProtectSettings) throws -> Table {
        let rows = try rows(bytes, file: file)
        var counts: [CellKey: Int] = [:]
        for cell in rows.cells {
            guard let count = Int(cell.value) else {
                throw PublishingError(
                    file: file, line: cell.line,
                    reason: "`\(cell.value)` in column `\(rows.valueColumn)` is not a whole number; give unrounded counts")
            }
            let key = CellKey(cell.key)
            guard counts.updateValue(count, forKey: key) == nil else {
                throw PublishingError(file: file, line: cell.line, reason: "cell \(key) appears twice; keep one row per cell")
            }
        }
        let dimensions = try rows.dimensions.enumerated().map { d, name in
            let values = rows.cells.map { $0.key[d] }.filter { $0 != total }
            return try settings.dimension(named: name, values: Array(Set(values)).sorted())
        }
        return try Table.frequency(name: file, dimensions: dimensions, counts: counts, isSensitive: settings.sensitive)
    }

    /// The name of the value column (the header's last field), kept for the output.
    public static func valueColumn(_ bytes: [UInt8], file: String) throws -> String {
        try rows(bytes, file: file).valueColumn
    }

    /// The publishable table: dimension columns, the value (a number or an EES symbol), and
    /// the status and reason of every cell, in the table's order.
    public static func write(_ protected: ProtectedTable, valueColumn: String) -> String {
        var lines = [(protected.table.dimensions.map(\.name) + [valueColumn, "status", "reason"]).map(field).joined(separator: ",")]
        for cell in protected.cells {
            let shown = cell.value.map { String(Int($0)) } ?? cell.symbol?.rawValue ?? "x"
            lines.append((cell.key.values + [shown, status(cell.status), cell.status.reason]).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Machine-readable status, which `attack` reads back to know the rounding base.
    static func status(_ status: CellStatus) -> String {
        switch status {
        case .published: return "published"
        case .rounded(let base): return "rounded-\(base)"
        case .primarySuppressed: return "primary"
        case .secondarySuppressed: return "secondary"
        case .perturbed: return "perturbed"
        }
    }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
