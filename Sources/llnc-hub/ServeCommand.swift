import ArgumentParser
import Hummingbird
import LLNCHub
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the hub's HTTP server (submissions, enrolment, /healthz, /readyz, /metrics); stops cleanly on SIGTERM.")

    @OptionGroup var hub: HubDirectoryOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Flag(help: "Serve /metrics to any client; by default only to clients on this machine (loopback).")
    var metricsPublic = false
    @OptionGroup var catalogue: CatalogueOptions

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "llnc-hub")
        logger.logLevel = .info
        let (directory, storeService, prepare) = try HubDirectory.openForServer(
            hub.url, catalogueVersions: catalogue.versions, storeFlag: store.store, logger: logger)
        var configuration = directory.configuration
        configuration.host = host
        configuration.port = port
        configuration.metricsPublic = metricsPublic
        logger.info(
            "llnc-hub serving",
            metadata: [
                "llnc.address": "\(host):\(port)", "llnc.catalogue": "\(configuration.acceptedCatalogueVersions)",
                "llnc.store": "\(directory.storeChoice)", "llnc.metrics": "\(metricsPublic ? "public" : "loopback only")",
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
