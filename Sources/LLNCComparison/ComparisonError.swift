/// Why a release could not be planned. Each case says what to do.
public enum ComparisonError: Error, Sendable, Hashable, CustomStringConvertible {
    case notBuilt(String)
    case reference(ReferenceDataError)
    /// A cell that cannot be merged (a value that is not a number, say).
    case invalidCell(site: String, cell: String, reason: String)

    public var description: String {
        switch self {
        case .notBuilt(let what): "\(what) is not built yet in this version of the hub"
        case .reference(let error): error.description
        case .invalidCell(let site, let cell, let reason):
            "site \(site), cell \(cell): \(reason); the site should resubmit it (it passed the protocol checks, so report this)"
        }
    }
}
