import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer
import Logging

struct ImportBundleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-bundle",
        abstract: "Import an offline site's bundle (JSON lines of envelopes) with the same checks and receipts as the server.")

    @OptionGroup var hub: HubDirectoryOptions
    @OptionGroup var catalogue: CatalogueOptions
    @OptionGroup var store: StoreOptions
    @Argument(help: "The bundle file the site exported.") var bundle: String
    @Option(help: "Where to write the answers to return to the site (must not exist). Default: BUNDLE.receipts.jsonl")
    var answers: String?

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let out = answers ?? bundle + ".receipts.jsonl"
        let bundleURL = URL(fileURLWithPath: bundle)
        let summary = try await HubDirectory.withOpened(
            hub.url, catalogueVersions: catalogue.versions, storeFlag: store.store, logger: commandLogger
        ) { directory in
            try await BundleImport(ingest: directory.submissionIngest(logger: Logger(label: "llnc-hub")))
                .run(bundle: bundleURL, answers: URL(fileURLWithPath: out))
        }
        print("\(summary)")
        print("answers written to \(out): return this file to the site")
    }
}
