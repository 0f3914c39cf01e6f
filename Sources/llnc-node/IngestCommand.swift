import ArgumentParser
import Foundation
import LLNCNode

/// `llnc-node ingest DATASET FILES... --year YYYY`: validate and load a site's extracts.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Validate a dataset's CSV files and load them for one collection year, replacing that year.",
        discussion: "Datasets: " + DatasetLayout.all.map(\.name).joined(separator: ", ")
            + ". Layouts and code lists: node/DATASETS.md. A file with any error is rejected whole "
            + "(the store is left as it was) unless --accept-valid is given.")

    @OptionGroup var node: NodeOptions

    @Argument(help: "The dataset, e.g. 903-episodes.")
    var dataset: String

    @Argument(help: "One or more CSV files of that dataset.")
    var files: [String]

    @Option(help: "The collection year, named by the March it ends in (2024 = April 2023 to March 2024).")
    var year: Int

    @Flag(help: "Load the valid rows of files that have errors; the others are reported and left out.")
    var acceptValid = false

    @Flag(help: "Replace the year even when this load has no rows, or under half the rows the year holds.")
    var replaceWithFewer = false

    @Option(help: "How many problems to list before the summary.")
    var showProblems = 50

    func validate() throws {
        guard DatasetLayout.named(dataset) != nil else {
            throw ValidationError("unknown dataset '\(dataset)'; choose one of: \(DatasetLayout.all.map(\.name).joined(separator: ", "))")
        }
        guard (1990...2200).contains(year) else { throw ValidationError("--year must be a collection year such as 2024") }
        guard !files.isEmpty else { throw ValidationError("give at least one file") }
    }

    func run() throws {
        let layout = DatasetLayout.named(dataset)!
        let directory = node.directory
        let secret = try directory.siteSecret()
        let store = try directory.openStore()
        let ingester = DatasetIngester(
            layout: layout, year: year, pseudonymiser: try Pseudonymiser(siteSecret: secret),
            acceptValid: acceptValid, allowShrinking: replaceWithFewer)
        let progress = ProgressLine.forStandardError()
        do {
            let report = try ingester.ingest(
                files: files.map { URL(fileURLWithPath: $0) }, into: store,
                progress: progress.map { bar in { bar.show($0) } })
            progress?.finish()
            printProblems(report.issues)
            FileHandle.standardError.write(Data((report.summary + "\n").utf8))
        } catch {
            progress?.finish()
            if case .rejected(let report) = error {
                printProblems(report.issues)
                FileHandle.standardError.write(Data((report.summary + "\n").utf8))
            }
            throw error
        }
    }

    private func printProblems(_ issues: [IngestIssue]) {
        var text = issues.prefix(showProblems).map { $0.description + "\n" }.joined()
        if issues.count > showProblems { text += "... and \(issues.count - showProblems) more problems\n" }
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// A one-line progress indicator on standard error, shown only when it is a terminal (a
/// pipe or log file gets the summary alone).
final class ProgressLine {
    static func forStandardError() -> ProgressLine? { isatty(2) == 1 ? ProgressLine() : nil }

    func show(_ progress: IngestProgress) {
        let percent = progress.totalBytes > 0 ? progress.bytesRead * 100 / progress.totalBytes : 0
        let filled = percent / 5
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 20 - filled)
        FileHandle.standardError.write(Data("\r\(progress.file) [\(bar)] \(percent)% \(progress.rowsRead) rows".utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}
