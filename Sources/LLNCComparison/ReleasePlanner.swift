import LLNCCatalogue
import LLNCDisclosure

/// Everything a release is planned from. The hub reads it from its store; the planner does
/// no I/O.
public struct ReleaseRequest: Sendable {
    public var release: String
    /// ISO 8601 time the release is planned at (recorded, never read as a clock).
    public var plannedAt: String
    public var indicators: [Indicator]
    /// The catalogue's breakdowns: their hierarchies give each site's additivity.
    public var breakdowns: [Breakdown]
    /// Every site's current (not superseded) cells.
    public var cells: [SiteCell]
    /// DfE numbers of the enrolled sites: who is expected to report.
    public var enrolled: [String]
    public var reference: ReferenceData
    /// Everything released before.
    public var ledger: [LedgerEntry]
    public var grouping: NeighbourGrouping
    public var policy: Policy
    /// The catalogue's identities between indicators' cells: the attacker knows them.
    public var identities: [LLNCCatalogue.Identity]

    public init(
        release: String, plannedAt: String, indicators: [Indicator], breakdowns: [Breakdown], cells: [SiteCell], enrolled: [String],
        reference: ReferenceData, ledger: [LedgerEntry], grouping: NeighbourGrouping = .sn2025, policy: Policy = .default,
        identities: [LLNCCatalogue.Identity] = []
    ) {
        self.identities = identities
        self.release = release
        self.plannedAt = plannedAt
        self.indicators = indicators
        self.breakdowns = breakdowns
        self.cells = cells
        self.enrolled = enrolled
        self.reference = reference
        self.ledger = ledger
        self.grouping = grouping
        self.policy = policy
    }
}

/// A release ready to publish: every comparison, every series, and the ledger entries to
/// append in the same transaction that records the release.
public struct PlannedRelease: Codable, Sendable, Hashable {
    public var release: String
    public var plannedAt: String
    /// One per indicator × period × breakdown, sorted by indicator, period, breakdown.
    public var comparisons: [Comparison]
    /// England, each region and each site, per indicator × breakdown (comparable versions only).
    public var series: [Series]
    public var ledgerEntries: [LedgerEntry]
    public var withheld: [WithheldFigure]
    public var exposures: [Exposure]

    enum CodingKeys: String, CodingKey {
        case release, comparisons, series, withheld, exposures
        case plannedAt = "planned_at"
        case ledgerEntries = "ledger_entries"
    }

    public init(
        release: String, plannedAt: String, comparisons: [Comparison], series: [Series], ledgerEntries: [LedgerEntry],
        withheld: [WithheldFigure], exposures: [Exposure]
    ) {
        self.release = release
        self.plannedAt = plannedAt
        self.comparisons = comparisons
        self.series = series
        self.ledgerEntries = ledgerEntries
        self.withheld = withheld
        self.exposures = exposures
    }

    /// A site's profile: its figure in every overall comparison of `period` (spine-chart input).
    public func profile(site: String, period: String) -> [(comparison: Comparison, site: SiteFigure)] {
        comparisons.filter { $0.period == period && $0.breakdown.isEmpty }.compactMap { comparison in
            comparison.sites.first { $0.laNumber == site }.map { (comparison, $0) }
        }
    }
}

/// The one entry point the hub calls (issue 7, items 1 and 2): merges the sites' current
/// cells into comparisons and series, derives England, regional and neighbour figures, and
/// passes every derived figure through `ReleaseCheck` with the ledger. Pure and fast: the LP
/// runs only for groups whose derived figures are not already implied by what the sites
/// published.
public enum ReleasePlanner {
    public static func plan(_ request: ReleaseRequest) throws(ComparisonError) -> PlannedRelease {
        var merge = try Merge(request)
        let proposed = ProposedRelease(release: request.release, siteCells: request.cells, figures: merge.figures, relations: merge.relations)
        let checked = ReleaseCheck.check(ledger: request.ledger, proposed: proposed, policy: request.policy)
        merge.apply(withheld: checked.withheld)
        let comparisons = merge.comparisons()
        return PlannedRelease(
            release: request.release, plannedAt: request.plannedAt, comparisons: comparisons,
            series: SeriesBuilder.series(comparisons), ledgerEntries: checked.ledgerEntries, withheld: checked.withheld,
            exposures: checked.exposures)
    }
}

extension Series {
    /// The change from `baseline` to `period` (the series' latest period when nil), from the
    /// released figures only: a difference when both ends are exact, the range of possible
    /// differences when either is an interval; nil when either end is missing or not shown.
    public func change(since baseline: String, to period: String? = nil) -> Change? {
        guard let start = points.first(where: { $0.period == baseline }),
            let end = period.map({ p in points.first { $0.period == p } }) ?? points.last,
            let a = start.bounds, let b = end.bounds
        else { return nil }
        let bounds = Bounds(lower: b.lower - (a.upper ?? .infinity), upper: b.upper.map { $0 - a.lower })
        guard bounds.lower.isFinite else {
            return Change(baselinePeriod: baseline, period: end.period, difference: nil, bounds: nil)
        }
        return Change(
            baselinePeriod: baseline, period: end.period, difference: bounds.isExact ? bounds.lower : nil, bounds: bounds)
    }
}
