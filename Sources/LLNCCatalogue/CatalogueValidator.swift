/// Load-time checks that make a catalogue safe to compile: every name is a plain SQL
/// identifier, every field exists with a kind that fits its use, every breakdown splits rows
/// into categories that cover them, and every indicator aggregates. Anything that could make
/// a node output a row, an identifier or a raw date is refused here.
struct CatalogueValidator {
    let catalogue: Catalogue

    func validate() throws(CatalogueError) {
        for source in catalogue.sources { try check(source) }
        for breakdown in catalogue.breakdowns { try check(breakdown) }
        var seen = Set<String>()
        for indicator in catalogue.indicators {
            let place = Place(file: indicator.file, indicator: indicator.id)
            guard seen.insert(indicator.id).inserted else {
                throw place.error("id", "is used by another indicator", fix: "give each indicator its own id")
            }
            try IndicatorValidator(catalogue: catalogue, indicator: indicator, place: place).validate()
        }
    }

    private func check(_ source: Source) throws(CatalogueError) {
        let place = Place(file: "sources.yaml", indicator: nil)
        let at = "sources.\(source.name)"
        for (what, name) in [("source name", source.name), ("table", source.table)] + (source.attributes.map { [("attributes.table", $0.table)] } ?? [])
        where !Names.isIdentifier(name) {
            throw place.error(at, "\(what) `\(name)` is not a plain name", fix: "use lower-case letters, digits and _ (it is used in SQL)")
        }
        for field in source.fields where !Names.isIdentifier(field.name) {
            throw place.error("\(at).fields.\(field.name)", "is not a plain name", fix: "use lower-case letters, digits and _")
        }
        if let child = source.child, source.field(child)?.kind != .identifier {
            throw place.error("\(at).child", "`\(child)` is not declared as an identifier field", fix: "declare `\(child): identifier` under fields")
        }
        for name in source.attributes?.fields ?? [] where source.field(name) == nil {
            throw place.error("\(at).attributes.fields", "`\(name)` is not among the source's fields", fix: "declare it under fields")
        }
    }

    private func check(_ breakdown: Breakdown) throws(CatalogueError) {
        let place = Place(file: "sources.yaml", indicator: nil)
        let at = "breakdowns.\(breakdown.name)"
        guard Names.isIdentifier(breakdown.name, max: 32), !["from_state", "to_state"].contains(breakdown.name) else {
            throw place.error(at, "is not a valid breakdown name", fix: "use up to 32 lower-case letters, digits and _ (from_state and to_state are reserved)")
        }
        var names = Set<String>()
        for name in breakdown.groups + breakdown.leaves {
            guard Names.isCategory(name) else {
                throw place.error(at, "category `\(name)` is not a valid cell category", fix: "use 1-64 of a-z 0-9 _ . : - (not Total)")
            }
            guard names.insert(name).inserted else {
                throw place.error(at, "category `\(name)` appears twice", fix: "give each category and group its own name")
            }
        }
        if case .ageBands(_, let bands) = breakdown.rule {
            let sorted = bands.sorted { $0.from < $1.from }
            for band in bands where band.from > band.to || band.from < 0 {
                throw place.error("\(at).age_bands.\(band.name)", "runs backwards", fix: "write [from, to] with from ≤ to")
            }
            for (a, b) in zip(sorted, sorted.dropFirst()) where b.from <= a.to {
                throw place.error("\(at).age_bands.\(b.name)", "overlaps `\(a.name)`", fix: "make the bands disjoint so each child is in one")
            }
            if breakdown.otherwise == nil {
                throw place.error("\(at).otherwise", "is missing: ages outside the bands would fall out of the total",
                                  fix: "add `otherwise: unknown` (or another category) for ages outside every band")
            }
        }
    }
}

/// The few name rules the catalogue shares with the wire protocol.
enum Names {
    /// `^[a-z][a-z0-9_]{0,max-1}$`: safe to place in SQL and in a cell.
    static func isIdentifier(_ s: String, max: Int = 64) -> Bool {
        let u = Array(s.utf8)
        guard (1...max).contains(u.count), (97...122).contains(u[0]) else { return false }
        return u.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 }
    }

    /// `^[a-z0-9_.:-]{1,64}$`, and not the reserved margin name.
    static func isCategory(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard (1...64).contains(u.count) else { return false }
        return u.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || [95, 46, 58, 45].contains($0) }
    }
}
