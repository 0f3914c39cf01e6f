import ArgumentParser
import Foundation
import LLNCHub

/// `llnc-hub export --out DIR`: the released figures as Explore Education Statistics files.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the current releases as open data (Explore Education Statistics CSV + .meta.csv).")
    @OptionGroup var hub: HubDirectoryOptions
    @OptionGroup var sources: ReleaseSourceOptions
    @Option(help: "The folder to write into (created if absent; files of the same name are replaced).") var out: String

    func run() async throws {
        let directory = try HubDirectory(hub.url)
        var configuration = directory.configuration
        sources.apply(to: &configuration)
        let files = try await OpenDataExport(store: directory.store, configuration: configuration).write(to: URL(fileURLWithPath: out))
        guard files.count > 1 else { return print("nothing released yet: `llnc-hub release --period P` first") }
        print("wrote \(files.count) files to \(out): \(files.joined(separator: ", "))")
    }
}
