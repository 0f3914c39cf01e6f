/// Renders a layout as the Markdown section node/DATASETS.md carries, so the documentation
/// is generated from the same declarations the validator uses (a test checks the file holds
/// each section exactly).
extension DatasetLayout {
    public var markdown: String {
        var lines = [
            "### `\(name)`: \(title)", "",
            "Stored in table `\(table)`.", "",
            "| column | kind | need | stored as |", "|---|---|---|---|",
        ]
        for column in columns {
            let need =
                switch column.need {
                case .required: "required"
                case .inHeader: "column required, value may be blank"
                case .optional: "optional"
                }
            lines.append("| `\(column.name)` | \(column.documentedKind) | \(need) | \(column.documentedStorage) |")
        }
        for derived in derived { lines.append("| (derived) | | | `\(derived.stored)` |") }
        if !oneOf.isEmpty {
            lines += [
                "", "Each row gives at least one of " + oneOf.map { $0.map { "`\($0)`" }.joined(separator: " or ") }.joined(separator: "; ") + ".",
            ]
        }
        let rules =
            rowRules.map { "- `\($0.id)`: \($0.message) is an error; fix: \($0.fix)." }
            + fileRules.map { "- `\($0.id)` (across rows): \($0.message) is an error; fix: \($0.fix)." }
        if !rules.isEmpty { lines += ["", "Rules:", ""] + rules }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Column {
    var documentedKind: String {
        switch kind {
        case .childID: "LA child id"
        case .upn: "UPN (13 characters) or UN1-UN5"
        case .dateOfBirth: "date of birth dd/mm/yyyy"
        case .date: "date dd/mm/yyyy"
        case .code(let list): "code: \(list.name)"
        case .codes(let list): "codes separated by commas: \(list.name)"
        case .integer(let r): "whole number \(r.lowerBound)-\(r.upperBound)"
        case .decimal(let r): "number \(Int(r.lowerBound))-\(Int(r.upperBound))"
        case .postcodeDistrict: "postcode or district"
        case .reference(let n): "reference, up to \(n) characters"
        case .freeText: "free text"
        }
    }

    var documentedStorage: String {
        guard let stored else { return "not stored" }
        switch kind {
        case .childID, .upn: return "`\(stored)` (keyed hash)"
        case .dateOfBirth: return "`\(stored)` (yyyy-mm only)"
        case .postcodeDistrict: return "`\(stored)` (district only)"
        case .freeText: return "`\(stored)` (never in any output)"
        default: return "`\(stored)`"
        }
    }
}

extension CodeList {
    /// The list as a Markdown bullet: codes, with the years of year-limited ones.
    public var markdown: String {
        let codes = entries.map { entry -> String in
            var text = entry.code
            if !entry.meaning.isEmpty { text += " (\(entry.meaning))" }
            if entry.firstYear != nil || entry.lastYear != nil {
                text +=
                    " ["
                    + [entry.firstYear.map { "from \($0)" }, entry.lastYear.map { "until \($0)" }]
                    .compactMap { $0 }.joined(separator: " ") + "]"
            }
            return text
        }
        return "- **\(name)**: " + codes.joined(separator: ", ")
    }

    /// Every list the layouts use, in first-use order.
    public static var allUsed: [CodeList] {
        var seen = Set<String>()
        var lists: [CodeList] = []
        for layout in DatasetLayout.all {
            for column in layout.columns {
                switch column.kind {
                case .code(let list), .codes(let list):
                    if seen.insert(list.name).inserted { lists.append(list) }
                default: break
                }
            }
        }
        return lists
    }
}
