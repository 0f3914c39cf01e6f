/// Why the indicator engine, review, approval or sealing stopped. Each names the indicator,
/// batch or approver concerned and what to do; none carries a record-level value.
public enum IndicatorError: Error, Sendable, Equatable, CustomStringConvertible {
    case badPeriod(String)
    case notInCatalogue(String)
    /// The catalogue version has not been approved at this site.
    case catalogueNotApproved(version: String)
    /// Rows fell in no category of a breakdown (a code the catalogue does not know).
    case uncategorisedRows(indicator: String, breakdown: String)
    /// The disclosure library could not protect the table: nothing of it is publishable.
    case disclosure(indicator: String, reason: String)
    case query(indicator: String, reason: String)
    case noSuchBatch(Int64)
    /// Sealing or exporting a batch that lacks its approvals.
    case notApproved(batch: Int64, approvals: Int, required: Int)
    case alreadyApprovedBy(batch: Int64, approver: String)
    case invalidApprover(String)
    case invalidPolicy(String)

    public var description: String {
        switch self {
        case .badPeriod(let p):
            "period '\(p)' is not of the form 2024-25 (a year and the next year's last two digits)"
        case .notInCatalogue(let id):
            "indicator \(id) is not in the catalogue, or names a source the catalogue does not declare; reload the catalogue"
        case .catalogueNotApproved(let version):
            "catalogue version \(version.prefix(16))… has not been approved at this site; review it and run `llnc-node catalogue approve --by NAME`"
        case .uncategorisedRows(let indicator, let breakdown):
            "\(indicator): some rows hold a code that breakdown \(breakdown) does not list; add the code to the catalogue (or an `otherwise:` category) and approve the new version"
        case .disclosure(let indicator, let reason):
            "\(indicator): disclosure control could not protect the table, so none of it is publishable: \(reason)"
        case .query(let indicator, let reason):
            "\(indicator): the store refused the compiled query (\(reason)); check that every dataset it reads has been ingested"
        case .noSuchBatch(let id):
            "there is no batch \(id); `llnc-node compute --period 2024-25` makes one"
        case .notApproved(let batch, let approvals, let required):
            "batch \(batch) has \(approvals) of the \(required) approvals it needs; nothing leaves until a person has reviewed and approved it (`llnc-node approve \(batch) --by NAME`)"
        case .alreadyApprovedBy(let batch, let approver):
            "\(approver) has already approved batch \(batch); four-eyes needs a second, different approver"
        case .invalidApprover(let name):
            "approver name '\(name)' is empty or too long; give the approver's name (1-100 characters)"
        case .invalidPolicy(let reason):
            "the node's indicator policy is invalid: \(reason)"
        }
    }
}
