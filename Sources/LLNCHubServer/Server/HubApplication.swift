import Foundation
import HTTPTypes
import Hummingbird
import LLNCHubCore
import LLNCProtocol
import Logging
import ServiceLifecycle

/// Builds the hub's HTTP application. Plain functions, so tests build the same router and
/// application as `llnc-hub serve` does.
/// - Parameters:
///   - services: run beside the server and stopped after it (a PostgreSQL connection pool).
///   - prepare: runs once those services run and before the server listens (schema migration).
public func buildApplication(
    configuration: HubConfiguration, store: any HubStorage, identity: HubIdentity, logger: Logger,
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

/// The router, built from the one route table `hubRoutes` (the OpenAPI test reads it too).
/// Every request passes the request log (one line, the request metrics) and the problem
/// middleware first.
public func buildRouter(
    configuration: HubConfiguration, store: any HubStorage, identity: HubIdentity, logger: Logger,
    metrics: HubMetrics = HubMetrics(),
    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
) -> Router<HubRequestContext> {
    let refusalLimit = RefusalLimit()
    // HEAD is answered wherever GET is, from the GET handler behind the same access check.
    let router = Router(context: HubRequestContext.self, options: .autoGenerateHeadEndpoints)
    let routes = hubRoutes(configuration: configuration, store: store, identity: identity, logger: logger, metrics: metrics, clock: clock)
    router.add(middleware: RequestLogMiddleware(metrics: metrics))
    router.add(middleware: RefusalLimitMiddleware(limit: refusalLimit, clock: clock))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: MethodCheck(allowed: AllowedMethods(routes.map { ($0.method, $0.path) })))
    var gate = AccessGate(access: store, sites: store, publicRead: configuration.publicRead, clock: clock)
    gate.sessions = PageSession(
        identity: identity, access: store, host: configuration.host, behindTLSProxy: configuration.behindTLSProxy, clock: clock)
    router.add(routes, gate: gate, log: store, synthetic: configuration.syntheticData, clock: clock)
    return router
}

/// The hub's routes: the site protocol, operations (`/healthz`, `/readyz`, `/metrics`), the
/// operator's, the published figures, and the web pages of the published figures.
public func hubRoutes(
    configuration: HubConfiguration, store: any HubStorage, identity: HubIdentity, logger: Logger,
    metrics: HubMetrics = HubMetrics(),
    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
) -> [HubRoute] {
    let ingest = SubmissionIngest(
        store: store, identity: identity, rules: HubRules(acceptedCatalogues: configuration.acceptedCatalogues),
        logger: logger, clock: clock)
    let register = SiteRegister(store: store, identity: identity, clock: clock)
    let envelopeBody = BoundedBody(limit: Limits.maxEnvelopeBytes, timeout: configuration.requestTimeout)
    let smallBody = BoundedBody(limit: 64 * 1024, timeout: configuration.requestTimeout)
    return protocolRoutes(
        ingest: ingest, register: register, identity: identity, envelopeBody: envelopeBody, smallBody: smallBody,
        metrics: metrics)
        + operationsRoutes(configuration: configuration, store: store, identity: identity, metrics: metrics)
        + operatorRoutes(store: store, configuration: configuration)
        + releaseRoutes(store: store, configuration: configuration, clock: clock)
        + publishedRoutes(store: store, configuration: configuration)
        + pageRoutes(
            store: store, configuration: configuration,
            sessions: PageSession(
                identity: identity, access: store, host: configuration.host, behindTLSProxy: configuration.behindTLSProxy, clock: clock))
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
    /// The catalogue versions whose cells this hub accepts, so a client can learn them
    /// before computing (SPEC.md §11).
    let catalogueVersions: [String]

    init(identity: HubIdentity, catalogueVersions: [String]) {
        sealingKeyID = identity.sealing.keyID.hex
        signingKeyID = identity.signing.keyID.hex
        self.catalogueVersions = catalogueVersions
    }

    enum CodingKeys: String, CodingKey {
        case supportedVersions = "supported_versions"
        case sealingKeyID = "sealing_key_id"
        case signingKeyID = "signing_key_id"
        case catalogueVersions = "catalogue_versions"
    }

    func jsonBytes() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? [UInt8](encoder.encode(self))) ?? []
    }
}
