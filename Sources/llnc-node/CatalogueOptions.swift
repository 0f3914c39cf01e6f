import ArgumentParser
import Foundation
import LLNCCatalogue
import LLNCNode

/// Where the indicator catalogue is, for commands that compute or approve.
struct CatalogueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalogue folder.", discussion: "Default: $LLNC_CATALOGUE, else ./protocol/catalogue."))
    var catalogue: String?

    func load() throws -> Catalogue {
        let path = catalogue ?? ProcessInfo.processInfo.environment["LLNC_CATALOGUE"] ?? "protocol/catalogue"
        return try CatalogueLoader.load(directory: URL(fileURLWithPath: path, isDirectory: true))
    }
}

extension NodeOptions {
    /// The node's store and its indicator side, opened together.
    func openIndicators() throws -> (NodeStore, IndicatorStore) {
        let store = try directory.openStore()
        return (store, store.indicators())
    }

    var policy: IndicatorPolicy {
        get throws { try IndicatorPolicy.load(directory.url.appendingPathComponent("indicator-policy.json")) }
    }
}

func say(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
