import LLNCProtocol

/// One site's figure entering a derived figure: its cell and what the hub knows of each part
/// (exact for a figure the hub holds, the rounding range for a rounded one, `[0, ∞)` when
/// suppressed, narrowed by the site's additivity).
struct Contribution {
    var cell: SiteCell
    /// `cell.key`, computed once.
    var key: String
    var knowledge: CellKnowledge

    var isSuppressed: Bool { cell.cell.status == .suppressed }
}

/// A derived figure before the re-check: the shown result and its ledger terms.
struct Derived {
    var method: AggregateMethod
    var status: FigureStatus
    var value: Double?
    var bounds: Bounds?
    var numerator: Double?
    var denominator: Double?
    var range: Bounds?
    var included: [String]
    /// What the ledger records: per part, the terms and the range of their sum.
    var parts: [(part: LedgerTerm.Part, terms: [LedgerTerm], bounds: Bounds)]
}

/// The arithmetic of aggregates and averages (hub/COMPARISONS.md, "Aggregates"):
/// counts are summed, percentages and rates pooled from numerators and denominators, money
/// and days averaged without weights. Contributors whose figure is inexact make the result
/// an interval that contains every value it could be.
enum Aggregation {
    static func method(for unit: Cell.Unit, neighbours: Bool) -> AggregateMethod {
        switch unit {
        case .count: neighbours ? .unweightedMean : .sum
        case .percentage, .ratePer10000: .pooledRatio
        case .gbp, .gbpPerWeek, .days: .unweightedMean
        }
    }

    /// `includeSuppressed`: a suppressed contributor enters a sum or pooled ratio as the
    /// range it may have (England and regions); neighbour averages and means take only the
    /// figures that are shown or held.
    static func derive(_ contributions: [Contribution], unit: Cell.Unit, method: AggregateMethod, includeSuppressed: Bool) -> Derived {
        let used = contributions.filter { includeSuppressed && method != .unweightedMean ? true : !$0.isSuppressed }
        let partNames: [LedgerTerm.Part] = method == .pooledRatio ? [.numerator, .denominator] : [.value]
        var parts: [(part: LedgerTerm.Part, terms: [LedgerTerm], bounds: Bounds)] = []
        for part in partNames {
            var bounds = Bounds(lower: 0, upper: 0)
            var terms: [LedgerTerm] = []
            for c in used {
                let b = c.knowledge.parts[part] ?? CellKnowledge.unknown
                bounds.lower += b.lower
                bounds.upper = bounds.upper.flatMap { u in b.upper.map { u + $0 } }
                terms.append(LedgerTerm(site: c.cell.site, cell: c.key, part: part, vintage: c.cell.vintage))
            }
            parts.append((part, terms, bounds))
        }
        var derived = Derived(
            method: method, status: .noData, included: used.map(\.cell.site).sorted(), parts: parts)
        guard !used.isEmpty else { return derived }
        switch method {
        case .sum:
            derived.bounds = parts[0].bounds
        case .unweightedMean:
            let k = Double(used.count)
            let sum = parts[0].bounds
            derived.bounds = Bounds(lower: sum.lower / k, upper: sum.upper.map { $0 / k })
            let shown = used.filter(\.cell.releasable).compactMap { $0.knowledge.parts[.value] }
            if let low = shown.map(\.lower).min() {
                let highs = shown.map(\.upper)
                derived.range = Bounds(lower: low, upper: highs.contains(where: { $0 == nil }) ? nil : highs.compactMap { $0 }.max())
            }
        case .pooledRatio:
            let scale = unit == .percentage ? 100.0 : 10_000.0
            let n = parts[0].bounds
            let d = parts[1].bounds
            if n.isExact, d.isExact {
                guard d.lower > 0 else { return derived }
                derived.numerator = n.lower
                derived.denominator = d.lower
                derived.bounds = .exactly(scale * n.lower / d.lower)
            } else {
                let lower = d.upper.map { $0 > 0 ? scale * n.lower / $0 : 0 } ?? 0
                var upper: Double? = d.lower > 0 ? n.upper.map { scale * $0 / d.lower } : nil
                if unit == .percentage { upper = min(upper ?? 100, 100) }
                derived.bounds = Bounds(lower: min(lower, upper ?? lower), upper: upper)
                if let shown = pooledAsPublished(used), shown.denominator > 0, upper != nil {
                    derived.status = .rounded
                    derived.numerator = shown.numerator
                    derived.denominator = shown.denominator
                    derived.value = min(max(scale * shown.numerator / shown.denominator, derived.bounds!.lower), upper!)
                    return derived
                }
            }
        }
        if let bounds = derived.bounds {
            derived.status = bounds.isExact ? .exact : .interval
            if bounds.isExact { derived.value = bounds.lower }
        }
        return derived
    }

    /// Σ numerators and Σ denominators as the sites published them, when every contributor is
    /// shown with both: the pooled figure a reader could compute from the released site
    /// figures, which the hub may show (labelled `rounded`) beside the bounds. Nil when any
    /// contributor is suppressed or held, since the sum would then carry what is not released.
    private static func pooledAsPublished(_ used: [Contribution]) -> (numerator: Double, denominator: Double)? {
        var n = 0.0
        var d = 0.0
        for c in used {
            guard !c.isSuppressed, c.cell.releasable,
                let numerator = c.cell.cell.numerator.flatMap(Double.init), let denominator = c.cell.cell.denominator.flatMap(Double.init)
            else { return nil }
            n += numerator
            d += denominator
        }
        return (n, d)
    }

    /// A 95% interval for an exact pooled or published ratio; none for counts, money or days
    /// (whole-population figures with no sampling model the hub can defend).
    static func confidenceInterval(unit: Cell.Unit, numerator: Double?, denominator: Double?) -> ConfidenceInterval? {
        guard let n = numerator, let d = denominator, d > 0 else { return nil }
        switch unit {
        case .percentage:
            guard let w = Intervals.wilson(numerator: n, denominator: d) else { return nil }
            return ConfidenceInterval(lower: 100 * w.lower, upper: 100 * w.upper, method: .wilson)
        case .ratePer10000:
            guard let p = Intervals.poisson(count: n) else { return nil }
            return ConfidenceInterval(lower: 10_000 * p.lower / d, upper: 10_000 * p.upper / d, method: p.method)
        default:
            return nil
        }
    }

    /// Better / similar / worse (by polarity) when the site's interval lies wholly above or
    /// below England's value; not computed unless both have an interval.
    static func significance(site: ConfidenceInterval?, england: ConfidenceInterval?, englandValue: Double?, polarity: Polarity) -> Significance {
        guard let site, england != nil, let value = englandValue else { return .notComputed }
        let above = site.lower > value
        let below = site.upper < value
        guard above || below else { return .similar }
        switch polarity {
        case .higherIsBetter: return above ? .better : .worse
        case .lowerIsBetter: return above ? .worse : .better
        case .neither: return above ? .higher : .lower
        }
    }

    /// Competition ranks (1, 2, 2, 4) with rank 1 the best by polarity (the highest for
    /// `neither`), and quartile bands 1 (best quarter) to 4.
    static func ranks(_ values: [(site: String, value: Double)], polarity: Polarity) -> [String: (rank: Int, quartile: Int)] {
        let ordered = values.sorted { polarity == .lowerIsBetter ? $0.value < $1.value : $0.value > $1.value }
        var result: [String: (Int, Int)] = [:]
        let n = ordered.count
        var rank = 1
        for (i, entry) in ordered.enumerated() {
            if i > 0, abs(ordered[i - 1].value - entry.value) >= 1e-9 { rank = i + 1 }
            result[entry.site] = (rank, 1 + 4 * (rank - 1) / n)
        }
        return result
    }
}
