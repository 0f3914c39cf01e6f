import ArgumentParser
import LLNCCatalogue
import LLNCNode

/// `llnc-node catalogue show|approve`: see a catalogue version and approve it at this site.
struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue", abstract: "Show the indicator catalogue, or approve its version before computing with it.",
        subcommands: [Show.self, Approve.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the catalogue's version, families and indicators, and whether this site approved it.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var options: CatalogueOptions

        func run() throws {
            let catalogue = try options.load()
            let (_, indicators) = try node.openIndicators()
            let approved = try indicators.isApproved(catalogueVersion: catalogue.version)
            say("catalogue version \(catalogue.version) (\(approved ? "approved at this site" : "NOT approved at this site"))")
            for family in catalogue.families {
                say("\n\(family.title) (\(family.file))")
                for i in catalogue.indicators where i.file == family.file {
                    say("  \(i.id) v\(i.version) [\(i.unit.rawValue)] \(i.title)")
                }
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve this catalogue version at this site (recorded with your name in the audit log).")
        @OptionGroup var node: NodeOptions
        @OptionGroup var options: CatalogueOptions
        @Option(help: "Your name, as the approver.") var by: String

        func run() throws {
            let catalogue = try options.load()
            let (_, indicators) = try node.openIndicators()
            try indicators.approveCatalogue(catalogue, by: by)
            say("catalogue version \(catalogue.version) approved by \(by)")
        }
    }
}
