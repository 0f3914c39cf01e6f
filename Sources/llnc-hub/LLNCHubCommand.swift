import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer
import LLNCProtocol

struct LLNCHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-hub",
        abstract: "The LLNC hub: verifies and merges sites' cells into national comparisons.",
        version: LLNCRelease.description,
        subcommands: [
            KeysCommand.self, CatalogueCommand.self, SitesCommand.self, StoreCommand.self, ServeCommand.self, ImportBundleCommand.self,
            TokensCommand.self, ReleaseCommand.self, ComparisonsCommand.self, ExportCommand.self,
        ])
}

/// The process entry: files this program makes are its owner's alone (0600, directories
/// 0700) whatever umask it was started with, before any command runs (`OwnerOnly` then
/// tightens what was made before).
@main
enum HubProcess {
    static func main() async {
        umask(0o077)
        await LLNCHubCommand.main()
    }
}
