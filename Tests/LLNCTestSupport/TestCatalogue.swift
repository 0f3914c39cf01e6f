import Foundation
import LLNCCatalogue

/// The catalogue the tests' hubs publish, as version `2025.1`: the real catalogue's terms
/// (protocol/catalogue) and two indicators of the tests' own, `cla_starts` (a count by
/// `age_band` with categories `band_0`… and `0-1`, so a test can make as many distinct cells
/// as it needs) and `cla_rate` (a rate per 10,000). A hub checks every cell against these
/// terms, as it does against a published catalogue.
public enum TestCatalogue {
    public static let version = "2025.1"

    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let terms: CatalogueTerms = {
        // The repository's own catalogue: its failure to load is a broken checkout.
        let real = try! CatalogueLoader.load(directory: repository.appendingPathComponent("protocol/catalogue"))
        var terms = CatalogueTerms(real)
        terms.version = version
        terms.indicators["cla_starts"] = .init(
            definitionVersion: 1, unit: .count, period: .reportingYear,
            dimensions: ["age_band": Set((0..<1_000).map { "band_\($0)" } + ["0-1", "Total"])])
        terms.indicators["cla_rate"] = .init(definitionVersion: 1, unit: .ratePer10000, period: .reportingYear)
        return terms
    }()

    /// Publishes these terms in `hubDirectory` the way `llnc-hub catalogue publish` does:
    /// `catalogues/2025.1.json`, then `catalogue-versions`.
    public static func publish(in hubDirectory: URL) throws {
        let folder = hubDirectory.appendingPathComponent("catalogues")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try terms.jsonBytes().write(to: folder.appendingPathComponent("\(version).json"))
        try Data("\(version)\n".utf8).write(to: hubDirectory.appendingPathComponent("catalogue-versions"))
    }
}
