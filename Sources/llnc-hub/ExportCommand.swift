import ArgumentParser
import Foundation
import LLNCHub

/// `llnc-hub export --out DIR`: the released figures as Explore Education Statistics files.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the current releases as open data (Explore Education Statistics CSV + .meta.csv).")
    @OptionGroup var hub: HubDirectoryOptions
    @Option(help: "The folder to write into (created if absent).") var out: String
    @Flag(help: "Say in the files' metadata that the figures are synthetic.") var syntheticData = false

    func run() async throws {
        throw ValidationError("export is not built yet on this branch")
    }
}
