import Yams

/// A YAML node with its path in the file, read strictly: a wrong type or an unknown key is
/// an error naming the path, never silently ignored (a misspelt `filtres` must not drop
/// every filter unnoticed).
struct YAMLValue {
    let node: Node
    let path: String
    let place: Place

    func fail(_ problem: String, fix: String) -> CatalogueError { place.error(path, problem, fix: fix) }

    func string() throws(CatalogueError) -> String {
        guard case .scalar(let scalar) = node else { throw fail("expected a single value", fix: "write a plain value here") }
        return scalar.string
    }

    func int() throws(CatalogueError) -> Int {
        guard let value = Int(try string()) else { throw fail("expected a whole number", fix: "write a number such as 1") }
        return value
    }

    func double() throws(CatalogueError) -> Double {
        guard let value = Double(try string()) else { throw fail("expected a number", fix: "write a number such as 12.5") }
        return value
    }

    func bool() throws(CatalogueError) -> Bool {
        switch try string() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw fail("expected true or false", fix: "write true or false")
        }
    }

    func list() throws(CatalogueError) -> [YAMLValue] {
        guard case .sequence(let sequence) = node else { throw fail("expected a list", fix: "write a YAML list ([a, b] or one '- item' per line)") }
        return sequence.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]", place: place) }
    }

    func strings() throws(CatalogueError) -> [String] {
        var out: [String] = []
        for item in try list() { out.append(try item.string()) }
        return out
    }

    /// The mapping's entries in file order; a key outside `allowed` is refused.
    func map(allowed: [String]) throws(CatalogueError) -> YAMLMap {
        guard case .mapping(let mapping) = node else { throw fail("expected a mapping of keys to values", fix: "write 'key: value' lines here") }
        var entries: [(String, YAMLValue)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw fail("a key is not a plain name", fix: "use plain names as keys") }
            let name = scalar.string
            let child = YAMLValue(node: value, path: path.isEmpty ? name : "\(path).\(name)", place: place)
            if !allowed.isEmpty, !allowed.contains(name) {
                throw child.fail(
                    "unknown key `\(name)`" + Self.hint(name),
                    fix: "use only: \(allowed.joined(separator: ", "))")
            }
            entries.append((name, child))
        }
        return YAMLMap(entries: entries, owner: self)
    }

    /// Keys that show an entry trying to read records rather than aggregates.
    private static func hint(_ key: String) -> String {
        ["select", "columns", "rows", "output", "sql", "query", "group_by", "raw"].contains(key)
            ? " (a definition cannot choose output columns or rows: it declares a measure and breakdowns, and the node always groups)"
            : ""
    }
}

struct YAMLMap {
    let entries: [(String, YAMLValue)]
    let owner: YAMLValue

    subscript(_ key: String) -> YAMLValue? { entries.first { $0.0 == key }?.1 }

    func required(_ key: String, fix: String) throws(CatalogueError) -> YAMLValue {
        guard let value = self[key] else {
            throw owner.place.error(owner.path.isEmpty ? key : "\(owner.path).\(key)", "is missing", fix: fix)
        }
        return value
    }
}
