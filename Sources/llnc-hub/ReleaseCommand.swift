import ArgumentParser
import Foundation
import LLNCHub

/// `llnc-hub release --period P`: plans, re-checks and stores a release.
struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release one period's national comparisons from every site's current cells (re-checked against the ledger).")
    @OptionGroup var hub: HubDirectoryOptions
    @OptionGroup var catalogue: CatalogueOptions
    @OptionGroup var sources: ReleaseSourceOptions
    @Option(help: "The period to release, e.g. 2024-25.") var period: String

    func run() async throws {
        let directory = try HubDirectory(hub.url, catalogueVersions: catalogue.versions)
        var configuration = directory.configuration
        sources.apply(to: &configuration)
        let release = try await ReleaseMaker(store: directory.store, configuration: configuration).release(period: period)
        print("released \(release.id): \(release.published) figures published, \(release.withheld) withheld by the re-check")
    }
}
