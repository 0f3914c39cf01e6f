import ArgumentParser
import Foundation
import LLNCNode

/// `llnc-node synth`: write a synthetic site's extracts in the ingest layouts.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a synthetic site's extracts (one folder per collection year) in exactly the ingest layouts.",
        discussion: """
            Sizes come from --children, else from the ONS estimate for the site in --reference-data \
            (default hub/reference, the public reference data vendored in the repository). The same arguments and --seed give the same bytes.
            """)

    @Option(help: "The site's DfE LA number, e.g. 353 (Oldham).")
    var site: Int

    @Option(help: "Children aged 0-17 at the site (default: the site's latest ONS estimate from --reference-data).")
    var children: Int?

    @Option(help: "Multiply the size by this factor, e.g. 0.05 for a quick demo or test (at least 100 children).")
    var scale = 1.0

    @Option(help: "How many collection years, ending with --last-year.")
    var years = 3

    @Option(help: "The last collection year (named by the March it ends in).")
    var lastYear = 2025

    @Option(help: "Seed for the generator.")
    var seed: UInt64 = 1

    @Option(help: "Where to write the files.")
    var out: String

    @Flag(help: "Plant canary identifiers (CHILD ids CANARY-..., UPNs Z999...) so tests can prove none leaves.")
    var canaries = false

    @Option(help: "Folder with ons-mid-year-population-2012-2024.csv and dfe-cla-number-and-rate-per-10k.csv.")
    var referenceData = "hub/reference"

    func validate() throws {
        guard (100...999).contains(site) else { throw ValidationError("--site must be a 3-digit DfE LA number such as 353") }
        guard (1...30).contains(years) else { throw ValidationError("--years must be 1 to 30") }
        if let children, children < 100 { throw ValidationError("--children must be at least 100") }
        guard scale > 0, scale <= 10 else { throw ValidationError("--scale must be above 0 and at most 10") }
    }

    func run() throws {
        let calibration = SiteCalibration.load(site: site, from: URL(fileURLWithPath: referenceData))
        guard let fullSize = children ?? calibration?.children else {
            throw MissingSize(site: site, folder: referenceData)
        }
        let size = max(100, Int((Double(fullSize) * scale).rounded()))
        let spec = SyntheticSiteSpec(
            site: site, children: size, lookedAfterRate: calibration?.lookedAfterRate ?? 70,
            years: years, lastYear: lastYear, seed: seed, canaries: canaries)
        let files = try SyntheticSite(spec: spec).write(to: URL(fileURLWithPath: out))
        var text = "site \(site): \(size) children, looked-after rate \(spec.lookedAfterRate) per 10,000; wrote \(files.count) files to \(out)\n"
        for file in files {
            text += "  \(file.year) \(file.dataset): \(file.rows) rows  (llnc-node ingest \(file.dataset) \(file.url.path) --year \(file.year))\n"
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// No size given and none found in the reference data.
struct MissingSize: Error, CustomStringConvertible {
    let site: Int
    let folder: String
    var description: String { "no ONS estimate for site \(site) in \(folder); give --children" }
}
