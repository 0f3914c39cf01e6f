import LLNCCatalogue
import LLNCDisclosure
import LLNCProtocol

/// The merge of every site's current cells into comparisons (issue 7, item 1), before and
/// after the re-check. One `Group` per indicator × comparable-version family × period ×
/// breakdown.
struct Merge {
    struct GroupKey: Hashable, Comparable {
        var indicator: String
        var version: Int
        var period: String
        var breakdown: String

        static func < (a: GroupKey, b: GroupKey) -> Bool {
            (a.indicator, a.version, a.period, a.breakdown) < (b.indicator, b.version, b.period, b.breakdown)
        }

        var text: String { "\(indicator)/\(version)/\(period)/\(breakdown)" }
    }

    struct Group {
        var indicator: Indicator
        var breakdown: [String: String]
        /// Site → its cell in this comparison (the newest comparable version).
        var cells: [String: SiteCell] = [:]
        var england: Derived? = nil
        /// England over the sites whose figures are shown: the comparator when suppressed
        /// sites make `england` an interval (hub/COMPARISONS.md, "Sites shown").
        var englandShown: Derived? = nil
        var regions: [String: Derived] = [:]
        var regionsShown: [String: Derived] = [:]
        var neighbours: [String: Derived] = [:]
        var withheld: [String: String] = [:]
    }

    let request: ReleaseRequest
    private(set) var groups: [GroupKey: Group] = [:]
    private(set) var relations: [SiteRelation] = []
    private(set) var figures: [LedgerEntry] = []
    /// What the hub knows of each site cell (`site|key`), narrowed by additivity.
    private var knowledge: [String: CellKnowledge] = [:]
    /// DfE number → authority, for names and regions.
    let authorities: [String: Authority]

    init(_ request: ReleaseRequest) throws(ComparisonError) {
        self.request = request
        authorities = Dictionary(request.reference.authorities.map { ($0.laNumber, $0) }, uniquingKeysWith: { a, _ in a })
        let indicators = Dictionary(request.indicators.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let breakdowns = Dictionary(request.breakdowns.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var submissions: [String: [SiteCell]] = [:]
        for cell in request.cells {
            for text in [cell.cell.value, cell.cell.numerator, cell.cell.denominator].compactMap({ $0 }) where Double(text) == nil {
                throw .invalidCell(site: cell.site, cell: cell.key, reason: "`\(text)` is not a number")
            }
            guard let indicator = indicators[cell.cell.indicator] else { continue }
            let c = cell.cell
            submissions["\(cell.site)|\(c.indicator)|\(c.definitionVersion)|\(c.period)|\(cell.vintage)", default: []].append(cell)
            let version =
                c.definitionVersion == indicator.version || indicator.comparableVersions.contains(c.definitionVersion)
                ? indicator.version : c.definitionVersion
            let breakdownText = Cell.breakdownText(c.breakdown)
            let key = GroupKey(indicator: c.indicator, version: version, period: c.period, breakdown: breakdownText)
            var group = groups[key] ?? Group(indicator: indicator, breakdown: c.breakdown)
            if let held = group.cells[cell.site],
                (held.cell.definitionVersion, held.vintage) > (c.definitionVersion, cell.vintage)
            {
                continue
            }
            group.cells[cell.site] = cell
            groups[key] = group
        }
        for (_, cells) in submissions.sorted(by: { $0.key < $1.key }) {
            guard let indicator = indicators[cells[0].cell.indicator] else { continue }
            relations += SiteAdditivity.relations(cells, indicator: indicator, breakdowns: breakdowns)
        }
        if !request.identities.isEmpty {
            for (_, cells) in Dictionary(grouping: request.cells, by: \.site).sorted(by: { $0.key < $1.key }) {
                relations += SiteIdentities.relations(cells, identities: request.identities, indicators: indicators, policy: request.policy)
            }
        }
        var raw: [ReleaseAttack.Variable: Bounds] = [:]
        var current: [ReleaseAttack.Variable: SiteCell] = [:]
        for cell in request.cells {
            guard let known = CellKnowledge(cell.cell, policy: request.policy) else { continue }
            for (part, bounds) in known.parts {
                let variable = ReleaseAttack.Variable(site: cell.site, cell: cell.key, part: part)
                raw[variable] = bounds
                current[variable] = cell
            }
        }
        let tightened = ReleaseAttack.tightened(raw, relations: relations, current: current)
        for cell in request.cells {
            guard var known = CellKnowledge(cell.cell, policy: request.policy) else { continue }
            for part in known.parts.keys {
                known.parts[part] = tightened[ReleaseAttack.Variable(site: cell.site, cell: cell.key, part: part)] ?? known.parts[part]
            }
            knowledge["\(cell.site)|\(cell.key)"] = known
        }
        for key in groups.keys.sorted() { derive(key) }
    }

    /// England, each region and each site's neighbour average for one group, and their ledger
    /// entries.
    private mutating func derive(_ key: GroupKey) {
        guard var group = groups[key] else { return }
        let unit = group.indicator.unit
        let sites = group.cells.keys.sorted()
        var bySite: [String: Contribution] = [:]
        for site in sites {
            let cell = group.cells[site]!
            let key = cell.key
            if let known = knowledge["\(site)|\(key)"] { bySite[site] = Contribution(cell: cell, key: key, knowledge: known) }
        }
        func contributions(_ members: [String]) -> [Contribution] { members.compactMap { bySite[$0] } }
        let national = Aggregation.method(for: unit, neighbours: false)
        group.england = Aggregation.derive(contributions(sites), unit: unit, method: national, includeSuppressed: true)
        record(group.england!, name: "national:E92000001/\(key.text)")
        if group.england?.status == .interval {
            group.englandShown = Aggregation.derive(contributions(sites), unit: unit, method: national, includeSuppressed: false)
            record(group.englandShown!, name: "national-shown:E92000001/\(key.text)")
        }
        var members: [String: [String]] = [:]
        for site in sites { if let region = authorities[site]?.regionCode { members[region, default: []].append(site) } }
        for (region, inRegion) in members.sorted(by: { $0.key < $1.key }) {
            let derived = Aggregation.derive(contributions(inRegion), unit: unit, method: national, includeSuppressed: true)
            group.regions[region] = derived
            record(derived, name: "regional:\(region)/\(key.text)")
            if derived.status == .interval {
                let shown = Aggregation.derive(contributions(inRegion), unit: unit, method: national, includeSuppressed: false)
                group.regionsShown[region] = shown
                record(shown, name: "regional-shown:\(region)/\(key.text)")
            }
        }
        let method = Aggregation.method(for: unit, neighbours: true)
        for site in sites {
            let neighbours = request.reference.neighbours(of: site, grouping: request.grouping)
            guard !neighbours.isEmpty else { continue }
            let derived = Aggregation.derive(contributions(neighbours), unit: unit, method: method, includeSuppressed: false)
            group.neighbours[site] = derived
            record(derived, name: "neighbours:\(site)/\(key.text)", kind: .neighbourAverage)
        }
        groups[key] = group
    }

    private mutating func record(_ derived: Derived, name: String, kind: LedgerEntry.Kind = .aggregate) {
        guard derived.status != .noData else { return }
        for part in derived.parts {
            figures.append(
                LedgerEntry(
                    release: request.release, figure: "\(name)/\(part.part.rawValue)", kind: kind, terms: part.terms, bounds: part.bounds))
        }
    }

    /// Marks every derived figure with a withheld part as withheld.
    mutating func apply(withheld: [WithheldFigure]) {
        for w in withheld {
            // `prefix:code/indicator/version/period/breakdown/part`
            let parts = w.figure.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 6, let version = Int(parts[2]) else { continue }
            let key = GroupKey(indicator: parts[1], version: version, period: parts[3], breakdown: parts[4])
            groups[key]?.withheld[parts[0]] = w.reason
        }
    }
}
