import ArgumentParser
import LLNCHub

@main
struct LLNCHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-hub",
        abstract: "The LLNC hub: verifies and merges sites' cells into national comparisons.",
        subcommands: [
            KeysCommand.self, CatalogueCommand.self, SitesCommand.self, ServeCommand.self, ImportBundleCommand.self,
            TokensCommand.self, ReleaseCommand.self, ComparisonsCommand.self, ExportCommand.self,
        ])
}
