import ArgumentParser
import Foundation
import LLNCDisclosure
import LLNCNode

/// `llnc-node protect IN.csv --out OUT.csv [--policy FILE]`: disclosure control for a table a
/// site publishes itself.
struct ProtectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protect",
        abstract: "Suppress and round a tidy CSV of unrounded counts so that no cell can identify a child (see node/PROTECT.md).")

    @Argument(help: "Tidy CSV: dimension columns, then one value column of unrounded counts.")
    var input: String

    @Option(help: "Where to write the publishable table (value or symbol, status and reason per cell).")
    var out: String

    @Option(help: "JSON settings: rules, sensitive, geographyColumns, hierarchies (node/PROTECT.md).")
    var policy: String?

    func run() throws {
        let settings = try PolicyFile.load(policy)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: input)))
        let table = try PublishedCSV.readCounts(bytes, file: input, settings: settings)
        let protected = try table.protected(by: settings.rules)
        let valueColumn = try PublishedCSV.valueColumn(bytes, file: input)
        try PublishedCSV.write(protected, valueColumn: valueColumn).write(toFile: out, atomically: true, encoding: .utf8)
        print(ProtectionReport.text(protected), terminator: "")
        print("written: \(out)")
    }
}

enum PolicyFile {
    static func load(_ path: String?) throws -> ProtectSettings {
        guard let path else { return ProtectSettings() }
        do {
            return try JSONDecoder().decode(ProtectSettings.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as DisclosureError {
            throw ValidationError("\(path): \(error)")
        } catch let error as DecodingError {
            throw ValidationError("\(path) is not a valid settings file (\(error)); see node/PROTECT.md")
        }
    }
}
