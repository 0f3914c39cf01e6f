import LLNCProtocol

extension Merge {
    /// Every comparison, after the re-check: withheld figures carry their reason and no
    /// number; ranks, intervals and significance use released figures only.
    func comparisons() -> [Comparison] {
        let reference = request.reference
        let enrolled = Set(request.enrolled)
        let regionOf = authorities.mapValues(\.regionCode)
        var enrolledIn: [String: Int] = [:]
        for site in enrolled { if let region = regionOf[site] { enrolledIn[region, default: 0] += 1 } }
        return groups.keys.sorted().map { key in
            let group = groups[key]!
            let unit = group.indicator.unit
            let polarity = Polarity(group.indicator.polarity)
            let sites = group.cells.keys.sorted()
            func completeness(_ members: [String], expected: Int) -> Completeness {
                let cells = members.compactMap { group.cells[$0] }
                return Completeness(
                    expected: expected, reported: cells.count,
                    shown: cells.filter { $0.releasable && CellKnowledge($0.cell, policy: request.policy)?.isShown == true }.count,
                    suppressed: cells.filter {
                        $0.cell.status == .suppressed || (!$0.releasable && $0.cell.status != .unavailable && $0.cell.status != .notApplicable)
                    }.count,
                    unavailable: cells.filter { $0.cell.status == .unavailable || $0.cell.status == .notApplicable }.count)
            }
            let englandName = "national:E92000001"
            var england = aggregate(
                group.england, geography: .national, code: "E92000001", name: "England", unit: unit,
                withheld: group.withheld[englandName], completeness: completeness(sites, expected: enrolled.count))
            if let shown = group.englandShown {
                england.shownSites = shownSitesFigure(shown, unit: unit, withheld: group.withheld["national-shown:E92000001"])
            }
            let comparator = england.comparator
            let regions: [Aggregate] = group.regions.keys.sorted().map { code in
                let members = sites.filter { regionOf[$0] == code }
                let expected = enrolledIn[code] ?? 0
                let name = reference.region(code)?.name ?? code
                var region = aggregate(
                    group.regions[code], geography: .regional, code: code, name: name, unit: unit,
                    withheld: group.withheld["regional:\(code)"], completeness: completeness(members, expected: expected))
                if let shown = group.regionsShown[code] {
                    region.shownSites = shownSitesFigure(shown, unit: unit, withheld: group.withheld["regional-shown:\(code)"])
                }
                return region
            }
            var figures = sites.map { site in siteFigure(group.cells[site]!, unit: unit) }
            let ranked = Aggregation.ranks(
                figures.compactMap { f in f.value.map { (f.laNumber, $0) } }, polarity: polarity)
            for i in figures.indices {
                if let r = ranked[figures[i].laNumber] {
                    figures[i].rank = r.rank
                    figures[i].quartile = r.quartile
                    figures[i].rankedAmong = ranked.count
                }
                figures[i].significance = Aggregation.significance(
                    site: figures[i].confidenceInterval, england: comparator?.confidenceInterval, englandValue: comparator?.value,
                    polarity: polarity)
                let site = figures[i].laNumber
                if let derived = group.neighbours[site] {
                    figures[i].neighbours = neighbourAverage(
                        derived, site: site, withheld: group.withheld["neighbours:\(site)"])
                }
            }
            return Comparison(
                indicator: key.indicator, definitionVersion: key.version, period: key.period, breakdown: group.breakdown,
                unit: unit, polarity: polarity, england: england, regions: regions, sites: figures)
        }
    }

    private func aggregate(
        _ derived: Derived?, geography: Aggregate.Geography, code: String, name: String, unit: Cell.Unit, withheld: String?,
        completeness: Completeness
    ) -> Aggregate {
        let method = derived?.method ?? Aggregation.method(for: unit, neighbours: false)
        guard let derived, derived.status != .noData else {
            return Aggregate(geography: geography, code: code, name: name, method: method, status: .noData, completeness: completeness)
        }
        if let withheld {
            return Aggregate(
                geography: geography, code: code, name: name, method: method, status: .withheld, completeness: completeness, reason: withheld)
        }
        return Aggregate(
            geography: geography, code: code, name: name, method: method, status: derived.status, value: derived.value,
            bounds: derived.bounds, numerator: derived.numerator, denominator: derived.denominator, range: derived.range,
            confidenceInterval: derived.status.showsValue
                ? Aggregation.confidenceInterval(unit: unit, numerator: derived.numerator, denominator: derived.denominator) : nil,
            completeness: completeness)
    }

    private func shownSitesFigure(_ derived: Derived, unit: Cell.Unit, withheld: String?) -> ShownSitesFigure {
        if let withheld { return ShownSitesFigure(status: .withheld, sites: derived.included, reason: withheld) }
        return ShownSitesFigure(
            status: derived.status, value: derived.value, bounds: derived.bounds, numerator: derived.numerator,
            denominator: derived.denominator,
            confidenceInterval: derived.status.showsValue
                ? Aggregation.confidenceInterval(unit: unit, numerator: derived.numerator, denominator: derived.denominator) : nil,
            sites: derived.included)
    }

    private func neighbourAverage(_ derived: Derived, site: String, withheld: String?) -> NeighbourAverage {
        let group = request.reference.neighbours(of: site, grouping: request.grouping)
        guard withheld == nil, derived.status != .noData else {
            return NeighbourAverage(
                grouping: request.grouping, neighbours: group, included: withheld == nil ? [] : derived.included, method: derived.method,
                status: withheld == nil ? .noData : .withheld, reason: withheld)
        }
        return NeighbourAverage(
            grouping: request.grouping, neighbours: group, included: derived.included, method: derived.method, status: derived.status,
            value: derived.value, bounds: derived.bounds, numerator: derived.numerator, denominator: derived.denominator,
            range: derived.range)
    }

    /// A site's own figure as it published it, with its symbol but never the site's reason:
    /// the rule behind a suppression is itself disclosive (`primary:zero_in_sensitive_table`
    /// says exactly 0, `primary:threshold` says 1 to 9, `secondary` says not 1 to 9), so
    /// every suppressed figure reads only `c`. A figure the hub holds but does not release
    /// reads `c` too, indistinguishable from a site's suppression.
    private func siteFigure(_ siteCell: SiteCell, unit: Cell.Unit) -> SiteFigure {
        let authority = authorities[siteCell.site]
        var figure = SiteFigure(
            laNumber: siteCell.site, name: authority?.name ?? siteCell.site, regionCode: authority?.regionCode ?? "",
            status: siteCell.cell.status, symbol: siteCell.cell.symbol)
        guard siteCell.releasable else {
            figure.status = .suppressed
            figure.symbol = .confidential
            return figure
        }
        let cell = siteCell.cell
        figure.value = cell.value.flatMap(Double.init)
        figure.numerator = cell.numerator.flatMap(Double.init)
        figure.denominator = cell.denominator.flatMap(Double.init)
        if let known = CellKnowledge(cell, policy: request.policy), known.isShown {
            figure.bounds = known.valueBounds(cell)
        }
        if figure.value != nil {
            figure.confidenceInterval = Aggregation.confidenceInterval(unit: unit, numerator: figure.numerator, denominator: figure.denominator)
        }
        return figure
    }
}
