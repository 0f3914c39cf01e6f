import Foundation
import HTTPTypes
import Hummingbird
import LLNCProtocol
import Logging
import ServiceLifecycle

/// Builds the hub's HTTP application. Plain functions, so tests build the same router and
/// application as `llnc-hub serve` does.
/// - Parameters:
///   - services: run beside the server and stopped after it (a PostgreSQL connection pool).
///   - prepare: runs once those services run and before the server listens (schema migration).
public func buildApplication(
    configuration: HubConfiguration, store: some HubStore, identity: HubIdentity, logger: Logger,
    metrics: HubMetrics = HubMetrics(), services: [any Service] = [],
    prepare: (@Sendable () async throws -> Void)? = nil,
    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
) -> some ApplicationProtocol {
    let router = buildRouter(
        configuration: configuration, store: store, identity: identity, logger: logger, metrics: metrics, clock: clock)
    let idle = configuration.idleTimeout.components
    var application = Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(idle.seconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "llnc-hub"),
        services: services,
        logger: logger)
    if let prepare { application.beforeServerStarts(perform: prepare) }
    return application
}

/// The routes: `POST /v1/submissions`, `POST /v1/enrol`, `GET /v1/protocol`, and for
/// operators `GET /healthz` (the process answers), `GET /readyz` (the store answers and the
/// keys are loaded) and `GET /metrics` (Prometheus text; loopback clients only unless
/// `metricsPublic`).
public func buildRouter(
    configuration: HubConfiguration, store: some HubStore, identity: HubIdentity, logger: Logger,
    metrics: HubMetrics = HubMetrics(),
    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
) -> Router<HubRequestContext> {
    let ingest = SubmissionIngest(
        store: store, identity: identity, rules: HubRules(acceptedCatalogueVersions: configuration.acceptedCatalogueVersions),
        logger: logger, clock: clock)
    let register = SiteRegister(store: store, identity: identity, clock: clock)
    let envelopeBody = BoundedBody(limit: Limits.maxEnvelopeBytes, timeout: configuration.requestTimeout)
    let smallBody = BoundedBody(limit: 64 * 1024, timeout: configuration.requestTimeout)

    let router = Router(context: HubRequestContext.self)
    router.add(middleware: RequestLogMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware())

    router.post("/v1/submissions") { request, _ -> Response in
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

    router.post("/v1/enrol") { request, _ -> Response in
        let keys = try await register.enrol(json: smallBody.collect(request))
        return .json(keys.jsonBytes())
    }

    router.get("/v1/protocol") { _, _ -> Response in
        .json(ProtocolInfo(identity: identity).jsonBytes())
    }

    addOperationsRoutes(to: router, configuration: configuration, store: store, identity: identity, metrics: metrics)
    return router
}

extension HTTPField.Name {
    /// Says whether a 200 answer stored the envelope now or before; the body of a duplicate
    /// is the original receipt byte for byte, whose `outcome` is `accepted`.
    public static let llncOutcome = HTTPField.Name("LLNC-Outcome")!
}

/// `GET /v1/protocol` (SPEC.md §11).
struct ProtocolInfo: Encodable {
    let supportedVersions = Limits.supportedVersions
    let sealingKeyID: String
    let signingKeyID: String

    init(identity: HubIdentity) {
        sealingKeyID = identity.sealing.keyID.hex
        signingKeyID = identity.signing.keyID.hex
    }

    enum CodingKeys: String, CodingKey {
        case supportedVersions = "supported_versions"
        case sealingKeyID = "sealing_key_id"
        case signingKeyID = "signing_key_id"
    }

    func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? [UInt8](encoder.encode(self))) ?? []
    }
}
