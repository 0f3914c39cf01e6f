import HTTPTypes
import Hummingbird
import LLNCHubCore
import LLNCProtocol

/// The site protocol's routes (SPEC.md): each authenticates in its own way (the signed
/// envelope, the enrolment token) or needs no authentication.
func protocolRoutes(
    ingest: SubmissionIngest, register: SiteRegister, identity: HubIdentity,
    envelopeBody: BoundedBody, smallBody: BoundedBody, metrics: HubMetrics
) -> [HubRoute] {
    [
        HubRoute(.post, "/v1/submissions", access: .siteProtocol) { request, _, _ in
            try await submit(request, ingest: ingest, envelopeBody: envelopeBody, metrics: metrics)
        },
        HubRoute(.post, "/v1/enrol", access: .siteProtocol) { request, _, _ in
            let keys = try await register.enrol(json: smallBody.collect(request))
            return .json(keys.jsonBytes())
        },
        // The key set a node checks against its token's pin before it sends the token's
        // secret (SPEC.md §9.2): public keys only.
        HubRoute(.get, "/v1/keys", access: .siteProtocol) { _, _, _ in
            .json(identity.keySet.jsonBytes())
        },
        HubRoute(.get, "/v1/protocol", access: .siteProtocol) { _, _, _ in
            .json(ProtocolInfo(identity: identity, catalogueVersions: ingest.rules.acceptedCatalogueVersions).jsonBytes())
        },
    ]
}

/// `POST /v1/submissions`: the ingest's answer, and its outcome and duration in the metrics.
private func submit(
    _ request: Request, ingest: SubmissionIngest, envelopeBody: BoundedBody, metrics: HubMetrics
) async throws -> Response {
    let clock = ContinuousClock()
    var started = clock.now
    let body: [UInt8]
    do throws(HubRejection) {
        body = try await envelopeBody.collect(request)
    } catch {
        metrics.recordSubmission(.rejected(code: error.code), duration: clock.now - started)
        throw error
    }
    started = clock.now
    let answer: (Response, HubMetrics.SubmissionOutcome)
    do {
        answer =
            switch try await ingest.ingest(body) {
            case .accepted(let receipt, _):
                (.json(receipt, extra: [HTTPField.Name.llncOutcome: "accepted"]), .accepted)
            case .duplicate(let receipt):
                (.json(receipt, extra: [HTTPField.Name.llncOutcome: "duplicate"]), .duplicate)
            case .refused(let rejection, let receipt):
                (.problem(rejection.problem(receipt: receipt)), .rejected(code: rejection.code))
            }
    } catch {
        // The store failed (the hub's fault, retryable): counted, then answered as a 500.
        metrics.recordSubmission(.rejected(code: "internal"), duration: clock.now - started)
        throw error
    }
    metrics.recordSubmission(answer.1, duration: clock.now - started)
    return answer.0
}
