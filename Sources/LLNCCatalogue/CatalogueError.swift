/// Why a catalogue was refused at load. Names the file, the indicator (when there is one),
/// the field by its path in the file, what is wrong and how to fix it, so an analyst can
/// correct the entry without reading the loader.
public struct CatalogueError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let indicator: String?
    /// Path of the offending field in the file, e.g. `definition.measure`.
    public let field: String
    public let problem: String
    public let fix: String

    public init(file: String, indicator: String?, field: String, problem: String, fix: String) {
        self.file = file
        self.indicator = indicator
        self.field = field
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        let whose = indicator.map { "indicator `\($0)`, " } ?? ""
        return "\(file): \(whose)field `\(field)`: \(problem). Fix: \(fix)"
    }
}

/// Where the loader is, so every error it raises names the same file and indicator.
struct Place: Sendable {
    let file: String
    var indicator: String?

    func error(_ field: String, _ problem: String, fix: String) -> CatalogueError {
        CatalogueError(file: file, indicator: indicator, field: field, problem: problem, fix: fix)
    }
}
