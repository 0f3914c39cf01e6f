import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer

/// `llnc-hub comparisons show --period P [--indicator ID ...]`: released figures in the terminal.
struct ComparisonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comparisons", abstract: "Show released national comparisons in the terminal.", subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A compact table: England (value or interval, CI, completeness) and each site's value, status and significance.")
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions
        @Option(help: "The released period, e.g. 2024-25.") var period: String
        @Option(help: "An indicator id (repeatable). Default: a few headline indicators.") var indicator: [String] = []
        @Flag(help: "Say that the figures are synthetic.") var syntheticData = false

        func run() async throws {
            let (synthetic, period, indicators) = (syntheticData, self.period, indicator)
            let text = try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) {
                try await ComparisonsView(store: $0.store, synthetic: synthetic).text(period: period, indicators: indicators)
            }
            print(text)
        }
    }
}
