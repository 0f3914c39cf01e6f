import ArgumentParser
import Foundation
import LLNCCatalogue
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer

/// `llnc-hub catalogue publish`: the operator publishes an indicator catalogue; from then the
/// hub accepts cells computed with it (nodes approve the same version on their side).
struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue", abstract: "Publish indicator catalogue versions the hub accepts.",
        subcommands: [Publish.self, List.self])

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a catalogue folder and add its version (a hash of its definitions) to those the hub accepts.",
            discussion:
                "Writes the version's terms (each indicator's definition version, unit, period and categories) to <hub dir>/catalogues/, which the hub checks every incoming cell against. Publishing a version again rewrites its terms."
        )
        @OptionGroup var hub: HubDirectoryOptions
        @Option(help: "The catalogue folder. Default: $LLNC_CATALOGUE, else ./protocol/catalogue.") var catalogue: String?

        func run() throws {
            let folder = catalogue ?? ProcessInfo.processInfo.environment["LLNC_CATALOGUE"] ?? "protocol/catalogue"
            let loaded = try CatalogueLoader.load(directory: URL(fileURLWithPath: folder))
            let added = try HubConfiguration.publish(CatalogueTerms(loaded), in: hub.url)
            print("\(added ? "published" : "already published"): catalogue \(loaded.version) (\(loaded.indicators.count) indicators) from \(folder)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the catalogue versions the hub accepts.")
        @OptionGroup var hub: HubDirectoryOptions

        func run() throws {
            let versions = try HubConfiguration.catalogueVersions(in: hub.url) ?? []
            print(versions.isEmpty ? "no catalogue published: `llnc-hub catalogue publish`" : versions.joined(separator: "\n"))
        }
    }
}
