import ArgumentParser
import Foundation
import LLNCHub

/// `llnc-hub comparisons show --period P [--indicator ID ...]`: released figures in the terminal.
struct ComparisonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comparisons", abstract: "Show released national comparisons in the terminal.", subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A compact table: England (value or interval, CI, completeness) and each site's value, status and significance.")
        @OptionGroup var hub: HubDirectoryOptions
        @Option(help: "The released period, e.g. 2024-25.") var period: String
        @Option(help: "An indicator id (repeatable). Default: a few headline indicators.") var indicator: [String] = []
        @Flag(help: "Say that the figures are synthetic.") var syntheticData = false

        func run() async throws {
            let store = try HubDirectory(hub.url).store
            print(try await ComparisonsView(store: store, synthetic: syntheticData).text(period: period, indicators: indicator))
        }
    }
}
