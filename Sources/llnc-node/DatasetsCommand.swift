import ArgumentParser
import Foundation
import LLNCNode

/// `llnc-node datasets`: print every layout and code list (the reference part of node/DATASETS.md).
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets", abstract: "Print the layouts and code lists the node ingests, as Markdown.")

    func run() {
        let text =
            DatasetLayout.all.map(\.markdown).joined(separator: "\n")
            + "\n## Code lists\n\n" + CodeList.allUsed.map(\.markdown).joined(separator: "\n") + "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
