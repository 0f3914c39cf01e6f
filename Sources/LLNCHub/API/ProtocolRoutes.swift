import HTTPTypes
import Hummingbird
import LLNCProtocol

/// The site protocol's routes (SPEC.md): each authenticates in its own way (the signed
/// envelope, the enrolment token) or needs no authentication.
func protocolRoutes(
    ingest: SubmissionIngest<some HubStore>, register: SiteRegister<some HubStore>, identity: HubIdentity,
    store: some HubStore, envelopeBody: BoundedBody, smallBody: BoundedBody) -> [HubRoute] {
    [
        HubRoute(.post, "/v1/submissions", access: .siteProtocol) { request, _, _ in
            let answer = try await ingest.ingest(envelopeBody.collect(request))
            switch answer {
            case .accepted(let receipt, _):
                return .json(receipt, extra: [HTTPField.Name.llncOutcome: "accepted"])
            case .duplicate(let receipt):
                return .json(receipt, extra: [HTTPField.Name.llncOutcome: "duplicate"])
            case .refused(let rejection, let receipt):
                return .problem(rejection.problem(receipt: receipt))
            }
        },
        HubRoute(.post, "/v1/enrol", access: .siteProtocol) { request, _, _ in
            let keys = try await register.enrol(json: smallBody.collect(request))
            return .json(keys.jsonBytes())
        },
        HubRoute(.get, "/v1/protocol", access: .siteProtocol) { _, _, _ in
            .json(ProtocolInfo(identity: identity).jsonBytes())
        },
        HubRoute(.get, "/healthz", access: .siteProtocol) { _, _, _ in
            _ = try await store.counts()
            return .json(Array(#"{"status":"ok"}"#.utf8))
        },
    ]
}
