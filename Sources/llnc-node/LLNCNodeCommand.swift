import ArgumentParser
import LLNCNode

@main
struct LLNCNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-node",
        abstract: "An LLNC node: keeps a site's record-level data local and sends only approved, disclosure-checked cells.",
        subcommands: [
            InitCommand.self, IngestCommand.self, DatasetsCommand.self, SynthCommand.self,
            ProtectCommand.self, AttackCommand.self,
            PushCommand.self, StatusCommand.self, RunCommand.self, ExportBundleCommand.self, ImportAnswersCommand.self,
            CompareCommand.self,
            CatalogueCommand.self, ComputeCommand.self, ReviewCommand.self, ApproveCommand.self, AuditCommand.self,
        ])
}
