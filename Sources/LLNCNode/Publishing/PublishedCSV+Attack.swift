import LLNCDisclosure

extension PublishedCSV {
    /// Adds what a reader learns from one published tidy CSV to `knowledge`: numbers (exact,
    /// or rounding intervals when a `status` column says `rounded-B` or `roundingBase` is
    /// given), symbols `c`/`x`/`z` as unknown counts, `low` as 1 up to half the base, and the
    /// additivity of each dimension (`Total` and the settings' hierarchies). Cells of several
    /// files with the same measure and non-`Total` values are the same cell.
    public static func learn(
        _ bytes: [UInt8], file: String, settings: ProtectSettings, roundingBase: Int?, into knowledge: inout AttackerKnowledge
    ) throws {
        let rows = try rows(bytes, file: file, extraColumns: ["status", "reason"])
        let statusColumn = rows.extraColumns.firstIndex(of: "status")
        var columnOf: [[String]: Int] = [:]
        var valuesByDimension = [Set<String>](repeating: [], count: rows.dimensions.count)
        for cell in rows.cells {
            for (d, value) in cell.key.enumerated() where value != total { valuesByDimension[d].insert(value) }
            var base = roundingBase
            if let statusColumn, cell.extra[statusColumn].hasPrefix("rounded-") {
                base = Int(cell.extra[statusColumn].dropFirst("rounded-".count))
            }
            let lower: Double
            let upper: Double?
            let suppressed: Bool
            switch cell.value {
            case "c", "x", "z", "":
                (lower, upper, suppressed) = (0, nil, true)
            case "low":
                (lower, upper, suppressed) = (1, Double(max(1, ((base ?? 2) + 1) / 2 - 1)), false)
            default:
                guard let number = Double(cell.value), number >= 0 else {
                    throw PublishingError(file: file, line: cell.line, reason: "`\(cell.value)` is neither a count nor an EES symbol (c, low, x, z)")
                }
                if let base, base > 1 {
                    (lower, upper, suppressed) = (max(0, number - Double(base / 2)), number + Double((base + 1) / 2 - 1), false)
                } else {
                    (lower, upper, suppressed) = (number, number, false)
                }
            }
            let label = ([rows.valueColumn] + zip(rows.dimensions, cell.key).filter { $0.1 != total }.map { "\($0.0)=\($0.1)" }.sorted())
                .joined(separator: "; ")
            columnOf[cell.key] = knowledge.learn(label: label, lower: lower, upper: upper, isSuppressed: suppressed)
        }
        let dimensions = try rows.dimensions.enumerated().map { d, name in
            try settings.dimension(named: name, values: valuesByDimension[d].sorted())
        }
        for key in columnOf.keys {
            for (d, dimension) in dimensions.enumerated() {
                let kids = dimension.children(of: key[d])
                guard !kids.isEmpty, let parent = columnOf[key] else { continue }
                var children: [Int] = []
                for kid in kids {
                    var childKey = key
                    childKey[d] = kid
                    guard let child = columnOf[childKey] else {
                        children = []
                        break
                    }
                    children.append(child)
                }
                if !children.isEmpty { knowledge.learn(Relation(parent: parent, children: children)) }
            }
        }
    }
}
