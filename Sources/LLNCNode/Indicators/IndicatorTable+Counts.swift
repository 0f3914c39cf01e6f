import LLNCCatalogue
import LLNCDisclosure
import LLNCProtocol

/// Counts, percentages and rates: a frequency table, protected by threshold, zero and
/// rounding rules; percentages and rates published only where their counts may be.
extension IndicatorTable {
    /// An indicator's frequency table before protection, and what turning it into cells needs.
    public struct CountTable: Sendable {
        public var table: Table
        let dimensions: [Dimension]
        let breakdownDimensions: [Dimension]
        let population: Double?
    }

    public func countCells(rows: [QueryRow], population: Double?) throws(IndicatorError) -> [BatchCell] {
        let table = try countTable(rows: rows, population: population)
        let protected: ProtectedTable
        do {
            protected = try table.table.protected(by: policy)
        } catch {
            throw .disclosure(indicator: indicator.id, reason: String(describing: error))
        }
        return countCells(protected, of: table)
    }

    /// The table the query rows make (margins included), named by the indicator and counting
    /// `population` (see `Table.population`), unprotected.
    public func countTable(rows: [QueryRow], population: Double?) throws(IndicatorError) -> CountTable {
        let used = try usedLeaves(rows)
        var dims = try dimensions(used: used)
        let breakdownDims = dims
        let isPercentage = indicator.unit == .percentage
        var counts: [CellKey: Int] = [:]
        for key in Self.leafKeys(dims) {
            if isPercentage {
                counts[CellKey(key + ["met"])] = 0
                counts[CellKey(key + ["not_met"])] = 0
            } else {
                counts[CellKey(key)] = 0
            }
        }
        for row in rows {
            let key = row.categories.compactMap { $0 }
            let n = Int(row.values.first.flatMap { $0 } ?? 0)
            let met = Int(row.values.dropFirst().first.flatMap { $0 } ?? 0)
            if isPercentage {
                counts[CellKey(key + ["met"]), default: 0] += met
                counts[CellKey(key + ["not_met"]), default: 0] += n - met
            } else {
                counts[CellKey(key), default: 0] += n
            }
        }
        var percentages: [PercentageDefinition] = []
        if isPercentage {
            do { dims.append(try Dimension(name: Self.outcome, values: ["met", "not_met"])) } catch {
                throw .disclosure(indicator: indicator.id, reason: String(describing: error))
            }
            percentages = Self.allKeys(breakdownDims).map {
                PercentageDefinition(name: $0.joined(separator: ","), numerator: CellKey($0 + ["met"]), denominator: CellKey($0 + ["Total"]))
            }
        }
        do {
            var table = try Table.frequency(
                name: indicator.id, dimensions: dims, counts: counts,
                isSensitive: indicator.disclosure.sensitive, percentages: percentages)
            table.population = countedPopulation
            return CountTable(table: table, dimensions: dims, breakdownDimensions: breakdownDims, population: population)
        } catch {
            throw .disclosure(indicator: indicator.id, reason: String(describing: error))
        }
    }

    /// The batch cells of a protected count table (alone or jointly with linked ones).
    public func countCells(_ protected: ProtectedTable, of counted: CountTable) -> [BatchCell] {
        let dims = counted.dimensions
        let breakdownDims = counted.breakdownDimensions
        let population = counted.population
        var byKey: [CellKey: (ProtectedCell, Double)] = [:]
        for (index, cell) in protected.cells.enumerated() { byKey[cell.key] = (cell, protected.table.values[index]) }
        switch indicator.unit {
        case .percentage:
            // Without breakdowns the overall figure is `Total`; its single leaf `all` is the same cell.
            return protected.percentages.filter { !(breakdownDims.first?.name == Self.overall && $0.definition.denominator.values.first == "all") }
                .map { percentageCell($0, byKey: byKey, dims: breakdownDims) }
        case .ratePer10000:
            guard let total = byKey[CellKey(["Total"])] else { return [] }
            return [rateCell(total.0, exact: total.1, population: population)]
        default:
            return protected.cells.enumerated().compactMap { index, cell in
                if dims.first?.name == Self.overall, cell.key.values == ["all"] { return nil }
                return countCell(cell, exact: protected.table.values[index], dims: dims)
            }
        }
    }

    private func make(
        _ breakdown: [String: String], _ status: Cell.Status, value: String? = nil, symbol: Cell.Symbol? = nil,
        reason: String?, numerator: String? = nil, denominator: String? = nil
    ) -> Cell {
        Cell(
            indicator: indicator.id, definitionVersion: indicator.version, period: compiled.period.label, breakdown: breakdown,
            unit: indicator.unit, status: status, value: value, symbol: symbol, reason: reason,
            numerator: numerator, denominator: denominator)
    }

    func countCell(_ cell: ProtectedCell, exact: Double, dims: [Dimension]) -> BatchCell {
        let wire = StatusMapping.wire(cell)
        return BatchCell(
            cell: make(
                breakdown(cell.key.values, dimensions: dims), wire.status, value: cell.value.map { DecimalText.format($0, places: 0) },
                symbol: wire.symbol, reason: wire.reason),
            localValue: DecimalText.format(exact, places: 0), rule: cell.status.reason)
    }

    private func percentageCell(_ p: ProtectedPercentage, byKey: [CellKey: (ProtectedCell, Double)], dims: [Dimension]) -> BatchCell {
        let numerator = byKey[p.definition.numerator]
        let denominator = byKey[p.definition.denominator]
        let key = Array(p.definition.denominator.values.dropLast())
        let exactN = numerator?.1 ?? 0
        let exactD = denominator?.1 ?? 0
        let local = exactD > 0 ? DecimalText.format(100 * exactN / exactD, places: 6) : nil
        let shown = { (c: (ProtectedCell, Double)?) in c?.0.value.map { DecimalText.format($0, places: 0) } }
        let cell: Cell
        if let value = p.value {
            cell = make(
                breakdown(key, dimensions: dims), .published, value: DecimalText.format(value, places: policy.percentageDecimalPlaces),
                reason: nil, numerator: shown(numerator), denominator: shown(denominator))
        } else if p.symbol == .notApplicable {
            cell = make(breakdown(key, dimensions: dims), .notApplicable, symbol: .notApplicable, reason: "denominator:zero")
        } else {
            let belowMinimum = exactN < Double(policy.percentageMinimumNumerator) || exactD - exactN < Double(policy.percentageMinimumRemainder)
            let behind = [numerator?.0, denominator?.0].compactMap { $0 }.first { $0.status.isSuppressed }
            let reason = belowMinimum ? "percentage:minimum" : behind.map { StatusMapping.wire($0).reason ?? "secondary" } ?? "secondary"
            cell = make(breakdown(key, dimensions: dims), .suppressed, symbol: .confidential, reason: reason)
        }
        return BatchCell(
            cell: cell, localValue: local, localNumerator: DecimalText.format(exactN, places: 0),
            localDenominator: DecimalText.format(exactD, places: 0), rule: p.reason)
    }

    private func rateCell(_ count: ProtectedCell, exact: Double, population: Double?) -> BatchCell {
        let local = population.flatMap { $0 > 0 ? DecimalText.format(exact * 10_000 / $0, places: 6) : nil }
        guard let population, population > 0 else {
            return BatchCell(
                cell: make([:], .unavailable, symbol: .unavailable, reason: "denominator:missing"), localValue: nil,
                localNumerator: DecimalText.format(exact, places: 0), rule: "no population estimate for the period has been ingested")
        }
        let wire = StatusMapping.wire(count)
        guard !count.status.isSuppressed, let shown = count.value else {
            return BatchCell(
                cell: make([:], .suppressed, symbol: .confidential, reason: wire.reason ?? "primary:threshold"), localValue: local,
                localNumerator: DecimalText.format(exact, places: 0), localDenominator: DecimalText.format(population, places: 0),
                rule: count.status.reason + " (the rate is withheld with its count)")
        }
        // The rate is computed from the count as published (rounded), never from the exact
        // count: with the population public, a rate from the exact count would give the exact
        // count back, and that count is a margin other tables of the batch were protected
        // assuming only its rounded value is known.
        return BatchCell(
            cell: make(
                [:], .published, value: DecimalText.format(shown * 10_000 / population, places: 1), reason: nil,
                numerator: DecimalText.format(shown, places: 0), denominator: DecimalText.format(population, places: 0)),
            localValue: local, localNumerator: DecimalText.format(exact, places: 0), localDenominator: DecimalText.format(population, places: 0),
            rule: "rate from the published count (" + count.status.reason + "), not the exact one")
    }
}

/// The disclosure library's cell status, in the protocol's words (SPEC.md §5.2).
enum StatusMapping {
    static func wire(_ cell: ProtectedCell) -> (status: Cell.Status, symbol: Cell.Symbol?, reason: String?) {
        switch cell.status {
        case .published: return (.published, nil, nil)
        case .rounded(let base): return (.rounded, cell.symbol == .low ? .low : nil, "rounded:base\(base)")
        case .primarySuppressed(let rule): return (.suppressed, .confidential, "primary:" + ruleCode(rule))
        case .secondarySuppressed: return (.suppressed, .confidential, "secondary")
        case .perturbed: return (.perturbed, nil, "perturbed:cell_key")
        }
    }

    static func ruleCode(_ rule: PrimaryRule) -> String {
        switch rule {
        case .threshold: "threshold"
        case .zeroInSensitiveTable: "zero_in_sensitive_table"
        case .wholeGroupInOneCategory: "whole_group_in_one_category"
        case .dominance: "dominance"
        case .pPercent: "p_percent"
        }
    }
}
