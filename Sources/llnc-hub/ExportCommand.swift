import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer

/// `llnc-hub export --out DIR`: the released figures as Explore Education Statistics files.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the current releases as open data (Explore Education Statistics CSV + .meta.csv).")
    @OptionGroup var hub: HubDirectoryOptions
    @OptionGroup var sources: ReleaseSourceOptions
    @OptionGroup var store: StoreOptions
    @Option(help: "The folder to write into (created if absent; files of the same name are replaced).") var out: String

    func run() async throws {
        let (sources, out) = (self.sources, self.out)
        let files = try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) { directory in
            var configuration = directory.configuration
            sources.apply(to: &configuration)
            return try await OpenDataExport(store: directory.store, configuration: configuration).write(to: URL(fileURLWithPath: out))
        }
        guard files.count > 1 else { return print("nothing released yet: `llnc-hub release --period P` first") }
        print("wrote \(files.count) files to \(out): \(files.joined(separator: ", "))")
    }
}
