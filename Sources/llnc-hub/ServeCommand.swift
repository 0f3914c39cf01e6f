import ArgumentParser
import Foundation
import Hummingbird
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the hub's HTTP server (site protocol, query API, /healthz, /readyz, /metrics); stops cleanly on SIGTERM."
    )

    @OptionGroup var hub: HubDirectoryOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Serve /metrics to any client; by default only to clients on this machine (loopback).")
    var metricsPublic = false
    @OptionGroup var catalogue: CatalogueOptions
    @OptionGroup var sources: ReleaseSourceOptions
    @Flag(help: "Let anyone read released figures without a token (operator routes still need an operator token).")
    var publicRead = false
    @Flag(
        help: """
            Browsers reach the hub over TLS through a reverse proxy (deploy/nginx): mark the session cookie Secure \
            although the hub listens on loopback. deploy/config/hub.env sets it.
            """)
    var behindTLSProxy = false
    @Option(help: "Seconds to wait for a PostgreSQL store to accept its first connection (the database may start after the hub).")
    var storeWait = 10

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "llnc-hub")
        logger.logLevel = .info
        let (directory, storeService, prepare) = try HubDirectory.openForServer(
            hub.url, catalogueVersions: catalogue.versions, storeFlag: store.store, logger: logger,
            firstConnection: .seconds(max(1, storeWait)))
        var configuration = directory.configuration
        configuration.host = host
        configuration.port = port
        configuration.metricsPublic = metricsPublic
        configuration.publicRead = publicRead
        configuration.behindTLSProxy = behindTLSProxy
        sources.apply(to: &configuration)
        logger.info(
            "llnc-hub serving",
            metadata: [
                "llnc.address": "\(host):\(port)", "llnc.catalogue": "\(configuration.acceptedCatalogueVersions)",
                "llnc.store": "\(directory.storeChoice)", "llnc.metrics": "\(metricsPublic ? "public" : "loopback only")",
                "llnc.public_read": "\(configuration.publicRead)", "llnc.behind_tls_proxy": "\(behindTLSProxy)",
                "llnc.synthetic_data": "\(configuration.syntheticData)",
            ])
        let app = buildApplication(
            configuration: configuration, store: directory.store, identity: directory.identity, logger: logger,
            services: storeService.map { [$0] } ?? [], prepare: prepare)
        try await app.runService()
    }
}

/// The catalogue versions a command accepts, overriding `<hub dir>/catalogue-versions`.
struct CatalogueOptions: ParsableArguments {
    @Option(
        name: .customLong("catalogue-version"),
        help: "A catalogue version the hub accepts (repeatable). Default: <hub dir>/catalogue-versions (see `llnc-hub catalogue publish`).")
    var versions: [String] = []
}

/// Where releases read the catalogue and the reference data, and whether the figures are
/// synthetic: shared by `serve`, `release` and `export`.
struct ReleaseSourceOptions: ParsableArguments {
    @Option(name: .customLong("catalogue"), help: "The catalogue folder. Default: $LLNC_CATALOGUE, else ./protocol/catalogue.")
    var catalogueDirectory: String?
    @Option(
        name: .customLong("reference"),
        help: "The reference data folder (LAs, regions, statistical neighbours). Default: $LLNC_REFERENCE, else ./hub/reference.")
    var referenceDirectory: String?
    @Flag(help: "Say in every answer, export and page that the figures are synthetic (the demo).")
    var syntheticData = false

    var catalogueURL: URL {
        URL(fileURLWithPath: catalogueDirectory ?? ProcessInfo.processInfo.environment["LLNC_CATALOGUE"] ?? "protocol/catalogue")
    }

    var referenceURL: URL {
        URL(fileURLWithPath: referenceDirectory ?? ProcessInfo.processInfo.environment["LLNC_REFERENCE"] ?? "hub/reference")
    }

    func apply(to configuration: inout HubConfiguration) {
        configuration.catalogueDirectory = catalogueURL
        configuration.referenceDirectory = referenceURL
        configuration.syntheticData = syntheticData
    }
}
