import ArgumentParser
import LLNCHub

@main
struct LLNCHubCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-hub",
        abstract: "The LLNC hub: verifies and merges sites' cells into national comparisons.",
        subcommands: [KeysCommand.self])
}
