import ArgumentParser
import Foundation
import LLNCCatalogue
import LLNCNode

/// `llnc-node compute --period 2024-25`: compute the catalogue into a draft batch.
struct ComputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute", abstract: "Compute every catalogue indicator for a period and store the disclosure-checked cells as a draft batch.",
        discussion: "Nothing leaves: review the batch (llnc-node review BATCH) and approve it (llnc-node approve BATCH --by NAME).")

    @OptionGroup var node: NodeOptions
    @OptionGroup var options: CatalogueOptions
    @Option(help: "The period, e.g. 2024-25 (reporting, academic or financial year, as each indicator says).") var period: String
    @Option(help: "Compute only these indicators (comma-separated ids).") var only: String?

    func run() throws {
        let catalogue = try options.load()
        let policy = try node.policy
        let (store, indicators) = try node.openIndicators()
        guard try indicators.isApproved(catalogueVersion: catalogue.version) else {
            throw IndicatorError.catalogueNotApproved(version: catalogue.version)
        }
        let start = Date()
        let results = try store.computeIndicators(
            IndicatorEngine(catalogue: catalogue, policy: policy.disclosure), period: period,
            only: only.map { Set($0.split(separator: ",").map(String.init)) })
        let id = try indicators.saveDraft(period: period, catalogue: catalogue, results: results, policy: policy)
        let cells = results.reduce(0) { $0 + $1.cells.count }
        let seconds = String(format: "%.1f", Date().timeIntervalSince(start))
        say("batch \(id) (draft): \(results.count) indicators, \(cells) cells, computed in \(seconds) s")
        say("review it with `llnc-node review \(id)`; it needs \(policy.approvalsRequired) approval(s) before it can leave")
    }
}
