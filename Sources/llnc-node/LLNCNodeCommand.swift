import ArgumentParser
import LLNCNode

@main
struct LLNCNodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-node",
        abstract: "An LLNC node: keeps a site's record-level data local and sends only approved, disclosure-checked cells.",
        subcommands: [
            IngestCommand.self, SynthCommand.self, DatasetsCommand.self, ProtectCommand.self, AttackCommand.self,
            CatalogueCommand.self, ComputeCommand.self, ReviewCommand.self, ApproveCommand.self, AuditCommand.self,
        ])
}
