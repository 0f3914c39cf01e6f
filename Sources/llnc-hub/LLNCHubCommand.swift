import ArgumentParser
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer

@main
struct LLNCHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-hub",
        abstract: "The LLNC hub: verifies and merges sites' cells into national comparisons.",
        subcommands: [
            KeysCommand.self, CatalogueCommand.self, SitesCommand.self, StoreCommand.self, ServeCommand.self, ImportBundleCommand.self,
            TokensCommand.self, ReleaseCommand.self, ComparisonsCommand.self, ExportCommand.self,
        ])
}
