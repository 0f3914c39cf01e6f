import ArgumentParser
import Foundation
import LLNCNode
import LLNCProtocol

struct LLNCNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-node",
        abstract: "An LLNC node: keeps a site's record-level data local and sends only approved, disclosure-checked cells.",
        version: LLNCRelease.description,
        subcommands: [
            InitCommand.self, IngestCommand.self, DatasetsCommand.self, SynthCommand.self,
            ProtectCommand.self, AttackCommand.self,
            PushCommand.self, StatusCommand.self, RunCommand.self, ExportBundleCommand.self, ImportAnswersCommand.self,
            CompareCommand.self,
            CatalogueCommand.self, ComputeCommand.self, ReviewCommand.self, ApproveCommand.self, AuditCommand.self,
        ])
}

/// The process entry: files this program makes are its owner's alone (0600, directories
/// 0700) whatever umask it was started with, before any command runs (`OwnerOnly` then
/// tightens what was made before).
@main
enum NodeProcess {
    static func main() async {
        umask(0o077)
        await LLNCNodeCommand.main()
    }
}
