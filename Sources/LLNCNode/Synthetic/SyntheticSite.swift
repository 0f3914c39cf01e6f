import Foundation

/// What to generate: a site of a given size over some collection years.
public struct SyntheticSiteSpec: Sendable {
    /// The site's DfE LA number (e.g. 353 Oldham): prefixes its ids and UPNs.
    public var site: Int
    /// Children aged 0-17 (the ONS mid-year estimate), which sets every count.
    public var children: Int
    /// Children looked after at 31 March per 10,000 children (England: about 70).
    public var lookedAfterRate: Double
    /// How many collection years of extracts, ending with `lastYear`.
    public var years: Int
    public var lastYear: Int
    public var seed: UInt64
    /// Plant canary identifiers: every CHILD starts `CANARY-`, every UPN `Z999`, and survey
    /// free text carries `CANARY-TEXT`, so tests can scan any output for them.
    public var canaries: Bool

    public static let canaryChildPrefix = "CANARY-"
    public static let canaryUPNPrefix = "Z999"
    public static let canaryFreeText = "CANARY-TEXT"

    public init(
        site: Int, children: Int, lookedAfterRate: Double = 70, years: Int = 3, lastYear: Int = 2025,
        seed: UInt64 = 1, canaries: Bool = false
    ) {
        self.site = site
        self.children = children
        self.lookedAfterRate = lookedAfterRate
        self.years = years
        self.lastYear = lastYear
        self.seed = seed
        self.canaries = canaries
    }

    public var collectionYears: ClosedRange<Int> { (lastYear - years + 1)...lastYear }
}

/// One file written by `SyntheticSite`: load it with `llnc-node ingest DATASET FILE --year YEAR`.
public struct SyntheticFile: Sendable, Equatable {
    public let dataset: String
    public let year: Int
    public let url: URL
    public let rows: Int
}

/// A synthetic site: files in exactly the ingest layouts, one folder per collection year
/// (`DIR/2024/903-episodes.csv`...), the same bytes for the same spec and seed.
///
/// Rates are national-level: about 550 referrals per 10,000 children a year (a fifth of them
/// re-referrals within 12 months), looked-after stock near `lookedAfterRate`, about two
/// thirds of the reception cohort reaching a good level of development, most 2-year-old
/// reviews at the expected level. Rare codes stay rare, so small cells arise.
public struct SyntheticSite {
    public let spec: SyntheticSiteSpec

    public init(spec: SyntheticSiteSpec) { self.spec = spec }

    /// Burn-in years simulated before the first extract, so it starts with a stock in care.
    static let burnInYears = 6

    public func write(to directory: URL) throws -> [SyntheticFile] {
        var simulation = SocialCareSimulation(spec: spec, rng: SeededRandom(seed: spec.seed))
        let first = spec.collectionYears.lowerBound
        _ = simulation.run(years: (first - Self.burnInYears)...spec.lastYear)
        var extracts = SyntheticExtracts(simulation: simulation)
        var files: [SyntheticFile] = []
        for year in spec.collectionYears {
            let folder = directory.appendingPathComponent(String(year), isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (dataset, csv, rows) in extracts.files(for: year) {
                let url = folder.appendingPathComponent("\(dataset).csv")
                try csv.write(to: url)
                files.append(SyntheticFile(dataset: dataset, year: year, url: url, rows: rows))
            }
        }
        return files
    }
}
