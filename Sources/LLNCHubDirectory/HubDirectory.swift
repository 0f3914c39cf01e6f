import Foundation
import LLNCHubCore
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCProtocol
import Logging
import ServiceLifecycle

/// An opened hub directory: its keys (`keys/`, made by `llnc-hub keys init`), its store
/// (`hub.sqlite`, or the PostgreSQL database named by `--store`, `LLNC_HUB_STORE` or the
/// `store` file: see `HubStoreChoice`) and its configuration (`catalogue-versions`). Every
/// hub command starts here, so they all agree on the layout (hub/README.md).
public struct HubDirectory: Sendable {
    public let configuration: HubConfiguration
    public let identity: HubIdentity
    public let storeChoice: HubStoreChoice
    public let store: any HubStorage

    /// Opens the directory and its store for a one-shot command, runs `body`, and closes the
    /// store (a PostgreSQL pool runs only around `body`).
    /// - Parameters:
    ///   - catalogueVersions: from `--catalogue-version`; when empty, the directory's
    ///     `catalogue-versions` file, else none.
    ///   - storeFlag: `--store`, if given.
    public static func withOpened<Result: Sendable>(
        _ url: URL, catalogueVersions: [String] = [], storeFlag: String? = nil, logger: Logger,
        _ body: @Sendable (HubDirectory) async throws -> Result
    ) async throws -> Result {
        let (configuration, identity, choice) = try settings(url, catalogueVersions: catalogueVersions, storeFlag: storeFlag)
        return try await choice.withStore(logger: logger) { store in
            try await body(HubDirectory(configuration: configuration, identity: identity, storeChoice: choice, store: store))
        }
    }

    /// Opens the directory for `llnc-hub serve`: the directory, the service its store needs
    /// running beside the server (none for SQLite), and the step that migrates the schema
    /// once that service runs.
    public static func openForServer(
        _ url: URL, catalogueVersions: [String] = [], storeFlag: String? = nil, logger: Logger,
        firstConnection: Duration = PostgresHubStore.firstConnectionLimit
    ) throws -> (directory: HubDirectory, storeService: (any Service)?, prepare: @Sendable () async throws -> Void) {
        let (configuration, identity, choice) = try settings(url, catalogueVersions: catalogueVersions, storeFlag: storeFlag)
        let opened = try choice.openForService(logger: logger, firstConnection: firstConnection)
        return (
            HubDirectory(configuration: configuration, identity: identity, storeChoice: choice, store: opened.store),
            opened.service, opened.prepare
        )
    }

    private static func settings(
        _ url: URL, catalogueVersions: [String], storeFlag: String?
    ) throws -> (HubConfiguration, HubIdentity, HubStoreChoice) {
        let wasPrivate = try OwnerOnly.directory(url)
        var configuration = HubConfiguration(hubDirectory: url)
        let versions = catalogueVersions.isEmpty ? try HubConfiguration.catalogueVersions(in: url) ?? [] : catalogueVersions
        configuration.acceptedCatalogues = try HubConfiguration.catalogueTerms(versions: versions, in: url)
        let identity = try HubIdentity.load(from: url)
        let choice = try HubStoreChoice.resolve(flag: storeFlag, hubDirectory: url)
        if case .sqlite(let path) = choice {
            try OwnerOnly.secure(OwnerOnly.databaseFiles(path), what: "the hub's store", directoryWasPrivate: wasPrivate)
        }
        return (configuration, identity, choice)
    }

    public var siteRegister: SiteRegister { SiteRegister(store: store, identity: identity) }

    public func submissionIngest(logger: Logger) -> SubmissionIngest {
        SubmissionIngest(
            store: store, identity: identity,
            rules: HubRules(acceptedCatalogues: configuration.acceptedCatalogues), logger: logger)
    }
}
