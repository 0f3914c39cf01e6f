import LLNCProtocol

/// The identity of a figure across submissions: indicator, definition version, period and
/// breakdown. A later submission from the same site with the same key is a revision of it.
///
/// Plain text rather than JSON because every part already matches a short code pattern
/// (SPEC.md §5.2) that contains none of the separators `/ , =`.
enum CellKey {
    static func text(_ cell: Cell, breakdown: String) -> String {
        "\(cell.indicator)/\(cell.definitionVersion)/\(cell.period)/\(breakdown)"
    }

    /// `dimension=category` pairs sorted by dimension, joined by commas; empty for the
    /// overall figure.
    static func breakdownText(_ breakdown: [String: String]) -> String {
        breakdown.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    static func breakdown(fromText text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }
}
