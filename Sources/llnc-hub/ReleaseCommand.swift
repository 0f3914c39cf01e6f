import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer

/// `llnc-hub release --period P`: plans, re-checks and stores a release.
struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release one period's national comparisons from every site's current cells (re-checked against the ledger).")
    @OptionGroup var hub: HubDirectoryOptions
    @OptionGroup var catalogue: CatalogueOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var sources: ReleaseSourceOptions
    @Option(help: "The period to release, e.g. 2024-25.") var period: String

    func run() async throws {
        let (sources, period) = (self.sources, self.period)
        let release = try await HubDirectory.withOpened(
            hub.url, catalogueVersions: catalogue.versions, storeFlag: store.store, logger: commandLogger
        ) { directory in
            var configuration = directory.configuration
            sources.apply(to: &configuration)
            return try await ReleaseMaker(store: directory.store, configuration: configuration).release(period: period)
        }
        print("released \(release.id): \(release.published) figures published, \(release.withheld) withheld by the re-check")
    }
}
