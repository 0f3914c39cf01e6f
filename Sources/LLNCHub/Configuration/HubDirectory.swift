import Foundation
import Logging

/// An opened hub directory: its keys (`keys/`, made by `llnc-hub keys init`), its store
/// (`hub.sqlite`) and its configuration (`catalogue-versions`). Every hub command starts
/// here, so they all agree on the layout (hub/README.md).
public struct HubDirectory: Sendable {
    public let configuration: HubConfiguration
    public let identity: HubIdentity
    public let store: SQLiteHubStore

    /// - Parameter catalogueVersions: from `--catalogue-version`; when empty, the
    ///   directory's `catalogue-versions` file, else the default.
    public init(_ url: URL, catalogueVersions: [String] = []) throws {
        var configuration = HubConfiguration(hubDirectory: url)
        if !catalogueVersions.isEmpty {
            configuration.acceptedCatalogueVersions = catalogueVersions
        } else if let fromFile = try HubConfiguration.catalogueVersions(in: url) {
            configuration.acceptedCatalogueVersions = fromFile
        }
        self.configuration = configuration
        identity = try HubIdentity.load(from: url)
        store = try SQLiteHubStore(path: SQLiteHubStore.url(in: url).path)
    }

    public var siteRegister: SiteRegister<SQLiteHubStore> { SiteRegister(store: store, identity: identity) }

    public func submissionIngest(logger: Logger) -> SubmissionIngest<SQLiteHubStore> {
        SubmissionIngest(
            store: store, identity: identity,
            rules: HubRules(acceptedCatalogueVersions: configuration.acceptedCatalogueVersions), logger: logger)
    }
}
