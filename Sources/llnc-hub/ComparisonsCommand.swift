import ArgumentParser
import Foundation
import LLNCHub

/// `llnc-hub comparisons show --period P [--indicator ID ...]`: released figures in the terminal.
struct ComparisonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comparisons", abstract: "Show released national comparisons in the terminal.", subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A compact table: each site's value and status, and England's.")
        @OptionGroup var hub: HubDirectoryOptions
        @Option(help: "The released period, e.g. 2024-25.") var period: String
        @Option(help: "An indicator id (repeatable). Default: a few headline indicators.") var indicator: [String] = []

        func run() async throws {
            throw ValidationError("comparisons show is not built yet on this branch")
        }
    }
}
