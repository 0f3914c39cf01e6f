import Foundation
import HTTPTypes
import Hummingbird
import LLNCProtocol
import Logging

/// Builds the hub's HTTP application. Plain functions, so tests build the same router and
/// application as `llnc-hub serve` does.
public func buildApplication(
    configuration: HubConfiguration, store: some HubStore, identity: HubIdentity, logger: Logger,
    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
) -> some ApplicationProtocol {
    let router = buildRouter(configuration: configuration, store: store, identity: identity, logger: logger, clock: clock)
    let idle = configuration.idleTimeout.components
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: .seconds(idle.seconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "llnc-hub"),
        logger: logger)
}

/// The routes: `POST /v1/submissions`, `POST /v1/enrol`, `GET /v1/protocol`, `GET /healthz`.
public func buildRouter(
    configuration: HubConfiguration, store: some HubStore, identity: HubIdentity, logger: Logger,
    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }
) -> Router<BasicRequestContext> {
    let ingest = SubmissionIngest(
        store: store, identity: identity, rules: HubRules(acceptedCatalogueVersions: configuration.acceptedCatalogueVersions),
        logger: logger, clock: clock)
    let register = SiteRegister(store: store, identity: identity, clock: clock)
    let envelopeBody = BoundedBody(limit: Limits.maxEnvelopeBytes, timeout: configuration.requestTimeout)
    let smallBody = BoundedBody(limit: 64 * 1024, timeout: configuration.requestTimeout)

    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: ProblemMiddleware())

    router.post("/v1/submissions") { request, _ -> Response in
        let answer = try await ingest.ingest(envelopeBody.collect(request))
        switch answer {
        case .accepted(let receipt, _):
            return .json(receipt, extra: [HTTPField.Name.llncOutcome: "accepted"])
        case .duplicate(let receipt):
            return .json(receipt, extra: [HTTPField.Name.llncOutcome: "duplicate"])
        case .refused(let rejection, let receipt):
            return .problem(rejection.problem(receipt: receipt))
        }
    }

    router.post("/v1/enrol") { request, _ -> Response in
        let keys = try await register.enrol(json: smallBody.collect(request))
        return .json(keys.jsonBytes())
    }

    router.get("/v1/protocol") { _, _ -> Response in
        .json(ProtocolInfo(identity: identity).jsonBytes())
    }

    router.get("/healthz") { _, _ -> Response in
        _ = try await store.counts()
        return .json(Array(#"{"status":"ok"}"#.utf8))
    }
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
