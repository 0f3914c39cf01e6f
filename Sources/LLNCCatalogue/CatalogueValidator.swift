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
        var names = Set<String>()
        for identity in catalogue.identities {
            guard names.insert(identity.name).inserted else {
                throw Place(file: identity.file, indicator: nil).error(
                    "identities.\(identity.name)", "is declared twice", fix: "give each identity its own name")
            }
            try check(identity)
        }
    }

    /// An identity may link only counts of children, of one disclosure class and
    /// sensitivity (a zero shown in one table must not be the zero another withholds), by
    /// dimensions those indicators have, with at most one variable used by every term.
    private func check(_ identity: Identity) throws(CatalogueError) {
        let place = Place(file: identity.file, indicator: nil)
        let at = "identities.\(identity.name)"
        guard Names.isIdentifier(identity.name, max: 64) else {
            throw place.error(at, "is not a valid identity name", fix: "use up to 64 lower-case letters, digits and _")
        }
        guard !identity.left.isEmpty, !identity.right.isEmpty else {
            throw place.error(at, "needs cells on both sides", fix: "list the cells under `left:` and under `right:`")
        }
        var classes = Set<String>()
        let variable = identity.variable
        for (side, terms) in [("left", identity.left), ("right", identity.right)] {
            for (i, term) in terms.enumerated() {
                let here = "\(at).\(side)[\(i)]"
                guard let indicator = catalogue.indicator(term.indicator) else {
                    throw place.error(
                        here, "names `\(term.indicator)`, which is not an indicator of the catalogue",
                        fix: "name an indicator declared in a family file")
                }
                guard indicator.unit == .count, indicator.disclosure.class == .frequency else {
                    throw place.error(here, "`\(term.indicator)` is not a count of children", fix: "identities link counts (frequency tables) only")
                }
                classes.insert("\(indicator.disclosure.class.rawValue), sensitive: \(indicator.disclosure.sensitive)")
                let dimensions = catalogue.dimensions(of: indicator).map(\.name)
                for (dimension, value) in term.breakdown {
                    guard dimensions.contains(dimension) else {
                        throw place.error(
                            "\(here).breakdown.\(dimension)", "`\(term.indicator)` has no dimension `\(dimension)`",
                            fix: "use one of: \(dimensions.joined(separator: ", "))")
                    }
                    if let p = Identity.pattern(value), p.variable != variable {
                        throw place.error(
                            "\(here).breakdown.\(dimension)", "uses a second variable `{\(p.variable)}`", fix: "an identity has at most one variable")
                    }
                }
                if variable != nil, !term.breakdown.values.contains(where: { Identity.pattern($0) != nil }) {
                    throw place.error(here, "does not use `{\(variable!)}`", fix: "every term of an identity with a variable uses it")
                }
            }
        }
        guard classes.count == 1 else {
            throw place.error(
                at, "links indicators of different disclosure classes (\(classes.sorted().joined(separator: "; ")))",
                fix: "give linked indicators one disclosure class and sensitivity, so a cell one withholds the other cannot show")
        }
    }

    private func check(_ source: Source) throws(CatalogueError) {
        let place = Place(file: "sources.yaml", indicator: nil)
        let at = "sources.\(source.name)"
        for (what, name) in [("source name", source.name), ("table", source.table)]
            + (source.attributes.map { [("attributes.table", $0.table)] } ?? [])
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
        guard Names.isIdentifier(breakdown.name, max: 32), !IndicatorDimension.stateNames.contains(breakdown.name) else {
            throw place.error(
                at, "is not a valid breakdown name", fix: "use up to 32 lower-case letters, digits and _ (from_state and to_state are reserved)")
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
                throw place.error(
                    "\(at).otherwise", "is missing: ages outside the bands would fall out of the total",
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
