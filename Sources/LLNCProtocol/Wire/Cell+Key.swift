/// The identity of a figure across submissions: indicator, definition version, period and
/// breakdown (SPEC.md §5.1: no two cells of a payload share it). A later submission from the
/// same site with the same key is a revision of it. The hub's store, its comparisons and its
/// ledger all key cells by this one text.
///
/// Plain text rather than JSON because every part already matches a short code pattern
/// (SPEC.md §5.2) that contains none of the separators `/ , =`.
extension Cell {
    /// `indicator/definition_version/period/breakdown`.
    public var key: String { key(breakdownText: Cell.breakdownText(breakdown)) }

    /// The key, for a caller that already has this cell's `breakdownText` (a store writes
    /// both for every cell it ingests).
    public func key(breakdownText: String) -> String { "\(indicator)/\(definitionVersion)/\(period)/\(breakdownText)" }

    /// `dimension=category` pairs sorted by dimension, joined by commas; empty for the
    /// overall figure.
    public static func breakdownText(_ breakdown: [String: String]) -> String {
        breakdown.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The breakdown a `breakdownText` spells.
    public static func breakdown(fromText text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }
}
