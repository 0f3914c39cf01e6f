import LLNCCatalogue
import LLNCProtocol

/// Why the hub refused a request: a protocol check (SPEC.md §6, §10) or one of the hub's own
/// rules. Each case has the stable code a node shows its operator, an HTTP status, and
/// whether sending the same bytes again could succeed. No case carries a cell value.
public enum HubRejection: Error, Equatable, Sendable {
    case protocolError(ProtocolError)
    /// The site was enrolled but the operator revoked it (SPEC.md §9.3).
    case siteRevoked(laNumber: String)
    /// The cells were computed with a catalogue version this hub does not publish.
    case catalogueVersionUnknown(got: String, accepted: [String])
    /// A cell the catalogue version it names does not define (an unknown indicator, another
    /// definition version, unit, period form, breakdown or category).
    case cellNotInCatalogue(CellOutsideCatalogue)
    /// A figure no real data can have (a percentage of 250, a negative sum of money, a value
    /// its own numerator and denominator contradict). `field` names the cell and field.
    case figureImpossible(field: String, reason: String)
    /// A cell would show a count of 1-9 (or a ratio built on one): the national minimum
    /// disclosure policy. `field` names the cell and field, never its value.
    case belowDisclosureThreshold(field: String)
    /// The hub's store failed while it acted on the request; nothing was done, and the same
    /// request can be sent again (`during` says what, e.g. "the enrolment").
    case storeUnavailable(during: String)
    /// The client took longer than the hub allows to send its request.
    case requestTimeout(seconds: Int)

    public var code: String {
        switch self {
        case .protocolError(let error): error.code
        case .siteRevoked: "site-revoked"
        case .catalogueVersionUnknown: "catalogue-version-unknown"
        case .belowDisclosureThreshold: "below-disclosure-threshold"
        case .cellNotInCatalogue: "cell-not-in-catalogue"
        case .figureImpossible: "figure-impossible"
        case .requestTimeout: "request-timeout"
        case .storeUnavailable: "store-unavailable"
        }
    }

    public var isRetryable: Bool {
        switch self {
        case .protocolError(let error): error.isRetryable
        case .requestTimeout, .storeUnavailable: true
        case .siteRevoked, .catalogueVersionUnknown, .belowDisclosureThreshold, .cellNotInCatalogue, .figureImpossible: false
        }
    }

    /// The RFC 9457 problem the hub answers with; `receipt` is the signed `rejected`
    /// receipt when the site was authenticated (SPEC.md §6).
    public func problem(receipt: Receipt? = nil) -> Problem {
        var problem: Problem
        switch self {
        case .protocolError(let error):
            problem = Problem(error)
        case .siteRevoked(let la):
            problem = Problem(
                code: code, title: "Site revoked", status: 403,
                detail: "site \(la) has been revoked by the hub operator; nothing was stored. Ask the operator for a new enrolment token")
        case .catalogueVersionUnknown(let got, let accepted):
            problem = Problem(
                code: code, title: "Catalogue version unknown", status: 422,
                detail: accepted.isEmpty
                    ? "this hub has published no catalogue yet, so it accepts no cells; its operator must run `llnc-hub catalogue publish`"
                    : "catalogue version '\(got)' is not one this hub publishes (\(accepted.joined(separator: ", "))); recompute the batch with a published catalogue"
            )
        case .belowDisclosureThreshold(let field):
            problem = Problem(
                code: code, title: "Below disclosure threshold", status: 422,
                detail:
                    "\(field) shows a count of 1 to 9, which the national minimum disclosure policy forbids; suppress or round it and send a new submission"
            )
        case .cellNotInCatalogue(let outside):
            problem = Problem(
                code: code, title: "Cell not in catalogue", status: 422,
                detail: "\(outside.field) \(outside.reason); nothing was stored. Recompute the batch with the catalogue version it names")
        case .figureImpossible(let field, let reason):
            problem = Problem(
                code: code, title: "Figure impossible", status: 422,
                detail: "\(field) \(reason); nothing was stored. Check the node's computation and send a new submission")
        case .storeUnavailable(let during):
            problem = Problem(
                code: code, title: "Store unavailable", status: 503,
                detail:
                    "the hub could not record \(during): its store did not answer, and nothing was changed (a token is not used up). Send the same request again in a minute; if it keeps failing, tell the hub operator",
                retryable: true)
        case .requestTimeout(let seconds):
            problem = Problem(
                code: code, title: "Request timeout", status: 408,
                detail: "the request was not received within \(seconds) s; retry on a better connection", retryable: true)
        }
        problem.receipt = receipt
        return problem
    }
}

extension HubRejection: CustomStringConvertible {
    public var description: String { problem().detail }
}
