import LLNCCatalogue
import LLNCDisclosure
import LLNCProtocol

/// Sums, means and medians: a magnitude table of sums with each cell's contributors (margins
/// included, from their own grouped queries), protected by contributor threshold, dominance
/// and p% rules. A mean or median is published only where its cell's sum may be: the sum's
/// contributors are the same children, so the same rules protect them.
extension IndicatorTable {
    /// `cube`: rows of every level combination (values: total, rows, contributors, first,
    /// second); `medians`: rows of the median queries (value: median).
    public func magnitudeCells(cube: [QueryRow], medians: [QueryRow]) throws(IndicatorError) -> [BatchCell] {
        let used = try usedLeaves(cube)
        let dims = try dimensions(used: used)
        func key(_ row: QueryRow) -> CellKey {
            compiled.dimensions.isEmpty ? CellKey(["all"]) : CellKey(row.categories.map { $0 ?? "" })
        }
        var sums: [CellKey: [Double?]] = [:]
        for row in cube { sums[key(row)] = row.values }
        var median: [CellKey: Double] = [:]
        for row in medians { if let m = row.values.first ?? nil { median[key(row)] = m } }
        if compiled.dimensions.isEmpty {
            sums[CellKey(["Total"])] = sums[CellKey(["all"])]
            median[CellKey(["Total"])] = median[CellKey(["all"])]
        }
        var cells: [CellKey: (value: Double, contributors: Contributors)] = [:]
        for values in Self.allKeys(dims) {
            let k = CellKey(values)
            let v = sums[k] ?? []
            func at(_ i: Int) -> Double? { i < v.count ? v[i] : nil }
            let largest = [at(3), at(4)].compactMap { $0 }
            cells[k] = (at(0) ?? 0, Contributors(count: Int(at(2) ?? 0), largest: largest))
        }
        let protected: ProtectedTable
        do {
            let table = try Table.magnitude(name: indicator.id, dimensions: dims, cells: cells, isSensitive: indicator.disclosure.sensitive)
            protected = try table.protected(by: policy)
        } catch {
            throw .disclosure(indicator: indicator.id, reason: String(describing: error))
        }
        return protected.cells.compactMap { cell in
            if dims.first?.name == Self.overall, cell.key.values == ["all"] { return nil }
            let v = sums[cell.key] ?? []
            let total = v.first.flatMap { $0 } ?? 0
            let rows = v.count > 1 ? (v[1] ?? 0) : 0
            let exact: Double? =
                switch compiled.indicator.definition.measure {
                case .mean: rows > 0 ? total / rows : nil
                case .median: median[cell.key]
                default: total
                }
            return magnitudeCell(cell, exact: exact, dims: dims)
        }
    }

    private func magnitudeCell(_ cell: ProtectedCell, exact: Double?, dims: [Dimension]) -> BatchCell {
        let wire = StatusMapping.wire(cell)
        let local = exact.map { DecimalText.format($0, places: 2) }
        let base = Cell(
            indicator: indicator.id, definitionVersion: indicator.version, period: compiled.period.label,
            breakdown: breakdown(cell.key.values, dimensions: dims), unit: indicator.unit, status: wire.status,
            symbol: wire.symbol, reason: wire.reason)
        var out = base
        if cell.status.isSuppressed {
            return BatchCell(cell: out, localValue: local, rule: cell.status.reason)
        }
        guard let exact else {
            out.status = .notApplicable
            out.symbol = .notApplicable
            out.reason = "no_contributors"
            return BatchCell(cell: out, localValue: nil, rule: "no placements in this cell, so no average")
        }
        out.value = DecimalText.format(exact, places: 2)
        return BatchCell(cell: out, localValue: local, rule: cell.status.reason)
    }
}
