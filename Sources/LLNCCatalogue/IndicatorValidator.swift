import LLNCProtocol

/// Checks one indicator against the sources and breakdowns it names.
struct IndicatorValidator {
    let catalogue: Catalogue
    let indicator: Indicator
    let place: Place

    private var definition: Definition { indicator.definition }

    func validate() throws(CatalogueError) {
        guard Names.isIdentifier(indicator.id) else {
            throw place.error("id", "is not a valid indicator id", fix: "use 1-64 lower-case letters, digits and _, starting with a letter")
        }
        guard (1...65_535).contains(indicator.version) else {
            throw place.error("version", "must be 1 to 65535", fix: "start at 1 and add 1 when the definition changes meaning")
        }
        for v in indicator.comparableVersions where !(1..<indicator.version).contains(v) {
            throw place.error(
                "comparable_versions", "lists \(v), which is not an earlier version", fix: "list only versions below \(indicator.version)")
        }
        guard !indicator.practice.isEmpty else {
            throw place.error("practice", "is empty", fix: "name at least one of data, voice, ethics, use, learning")
        }
        let source = try source(definition.source, at: "definition.source")
        try checkMeasure(source)
        try checkPopulation(source)
        for (i, c) in definition.filters.enumerated() { try check(c, in: source, at: "definition.filters[\(i)]") }
        for (i, c) in definition.numerator.enumerated() { try check(c, in: source, at: "definition.numerator[\(i)]") }
        try checkBreakdowns(source)
    }

    private func source(_ name: String, at path: String) throws(CatalogueError) -> Source {
        guard let source = catalogue.source(name) else {
            throw place.error(
                path, "names an unknown source `\(name)`",
                fix: "use one declared in sources.yaml: \(catalogue.sources.map(\.name).joined(separator: ", "))")
        }
        return source
    }

    private func field(_ name: String, in source: Source, at path: String, kinds: [Field.Kind], use: String) throws(CatalogueError) -> Field {
        guard let field = source.field(name) else {
            throw place.error(
                path, "names `\(name)`, which source `\(source.name)` does not declare",
                fix: "use one of: \(source.fields.map(\.name).joined(separator: ", "))")
        }
        guard kinds.contains(field.kind) else {
            let why =
                switch field.kind {
                case .identifier: "an identifier is never selected or output (it would single out a child)"
                case .date, .month: "a raw date is never output; use it in a condition or band it"
                case .text: "free text never leaves the node and no definition may read it"
                default: "its kind is \(field.kind.rawValue)"
                }
            throw place.error(
                path, "`\(name)` cannot be \(use): \(why)",
                fix: "use a field of kind \(kinds.map(\.rawValue).joined(separator: " or "))")
        }
        return field
    }

    private func checkMeasure(_ source: Source) throws(CatalogueError) {
        let m = definition.measure
        let magnitudeUnits: [Cell.Unit] = [.gbp, .gbpPerWeek, .days]
        if m.isMagnitude {
            guard let value = definition.value else {
                throw place.error("definition.value", "is missing for measure \(m.rawValue)", fix: "name the number field to aggregate")
            }
            _ = try field(value, in: source, at: "definition.value", kinds: [.number], use: "aggregated")
            guard magnitudeUnits.contains(indicator.unit), indicator.disclosure.class == .magnitude else {
                throw place.error(
                    "unit", "\(m.rawValue) of money or days needs unit gbp, gbp_per_week or days and disclosure class magnitude",
                    fix: "set the unit and `disclosure: {class: magnitude}`")
            }
        } else {
            if definition.value != nil {
                throw place.error("definition.value", "is only for sum, mean and median", fix: "remove it")
            }
            guard !magnitudeUnits.contains(indicator.unit), indicator.disclosure.class == .frequency else {
                throw place.error(
                    "disclosure.class", "counts are frequency tables", fix: "use class frequency and unit count, percentage or rate_per_10000")
            }
        }
        if m == .distinctChildren || !longitudinal.isEmpty, source.child == nil {
            throw place.error(
                "definition.measure", "source `\(source.name)` has no child key", fix: "declare `child:` for the source or count events")
        }
        switch indicator.unit {
        case .percentage:
            guard !definition.numerator.isEmpty else {
                throw place.error(
                    "definition.numerator", "a percentage needs a numerator", fix: "list the conditions that put a child or event in the numerator")
            }
        case .ratePer10000:
            guard let d = definition.denominator else {
                throw place.error(
                    "definition.denominator", "a rate needs a population denominator",
                    fix: "add `denominator: {population: ons_population, ages: [0, 17]}`")
            }
            let pop = try self.source(d.source, at: "definition.denominator.population")
            _ = try field("age", in: pop, at: "definition.denominator.population", kinds: [.number], use: "the age")
            _ = try field("population", in: pop, at: "definition.denominator.population", kinds: [.number], use: "the estimate")
            guard indicator.breakdowns.isEmpty else {
                throw place.error(
                    "breakdowns", "a rate per 10,000 is published for the whole site only", fix: "remove the breakdowns or publish a count")
            }
        default: break
        }
        if indicator.unit != .percentage, !definition.numerator.isEmpty {
            throw place.error("definition.numerator", "only percentages have a numerator", fix: "remove it or set unit: percentage")
        }
        if indicator.unit != .ratePer10000, definition.denominator != nil {
            throw place.error(
                "definition.denominator", "only rates per 10,000 have a population denominator", fix: "remove it or set unit: rate_per_10000")
        }
    }

    private var longitudinal: [Condition] {
        (definition.filters + definition.numerator).filter {
            $0.field == nil || { if case .latestRowAtLeastMonthsBeforeEnd = $0 { true } else { false } }($0)
        }
    }

    private func checkPopulation(_ source: Source) throws(CatalogueError) {
        switch definition.population {
        case .records: break
        case .events(let date):
            _ = try field(date, in: source, at: "definition.population.events", kinds: [.date], use: "the event date")
        case .openAtEnd(let start, let end):
            _ = try field(start, in: source, at: "definition.population.open_at_end.start", kinds: [.date], use: "the start date")
            _ = try field(end, in: source, at: "definition.population.open_at_end.end", kinds: [.date], use: "the end date")
        case .transition(let states, let otherwise):
            guard definition.measure == .distinctChildren, source.child != nil else {
                throw place.error(
                    "definition.measure", "a flow matrix counts children", fix: "use measure distinct_children on a source with a child key")
            }
            guard Names.isCategory(otherwise) else {
                throw place.error("definition.population.transition.otherwise", "is not a valid category", fix: "use e.g. not_open")
            }
            for (i, state) in states.enumerated() {
                let at = "definition.population.transition.states[\(i)]"
                let s = try self.source(state.source, at: "\(at).source")
                guard s.child != nil, Names.isCategory(state.name) else {
                    throw place.error(
                        at, "needs a source with a child key and a valid state name", fix: "name a state like looked_after on a child source")
                }
                _ = try field(state.start, in: s, at: "\(at).start", kinds: [.date], use: "the start date")
                _ = try field(state.end, in: s, at: "\(at).end", kinds: [.date], use: "the end date")
                if let b = state.breakdown { try checkBreakdown(b, on: s, at: "\(at).breakdown") }
            }
        }
    }

    private func checkBreakdowns(_ source: Source) throws(CatalogueError) {
        let extra = if case .transition = definition.population { 2 } else { 0 }
        guard indicator.breakdowns.count + extra <= Limits.maxBreakdownDimensions else {
            throw place.error("breakdowns", "has more than \(Limits.maxBreakdownDimensions) dimensions", fix: "split the indicator")
        }
        guard Set(indicator.breakdowns).count == indicator.breakdowns.count else {
            throw place.error("breakdowns", "names a breakdown twice", fix: "list each once")
        }
        for (i, name) in indicator.breakdowns.enumerated() { try checkBreakdown(name, on: source, at: "breakdowns[\(i)]") }
    }

    private func checkBreakdown(_ name: String, on source: Source, at path: String) throws(CatalogueError) {
        guard let breakdown = catalogue.breakdown(name) else {
            if let field = source.field(name) {
                _ = try self.field(field.name, in: source, at: path, kinds: [.category, .flag], use: "a breakdown")
            }
            throw place.error(
                path, "names an unknown breakdown `\(name)`",
                fix: "declare it under breakdowns in sources.yaml, or use one of: \(catalogue.breakdowns.map(\.name).joined(separator: ", "))")
        }
        switch breakdown.rule {
        case .ageBands(let f, _):
            _ = try field(f, in: source, at: path, kinds: [.month, .date, .number], use: "banded by age")
        case .codes(let f, let categories):
            let field = try field(f, in: source, at: path, kinds: [.category, .flag], use: "a breakdown")
            var seen = Set<String>()
            for code in categories.flatMap(\.codes) {
                guard field.codeList.contains(code) else {
                    throw place.error(
                        path, "breakdown `\(name)` maps code `\(code)`, which `\(source.name).\(f)` never holds",
                        fix: "correct the code or add it to the field's codes in sources.yaml")
                }
                guard seen.insert(code).inserted else {
                    throw place.error(path, "breakdown `\(name)` puts code `\(code)` in two categories", fix: "map each code once")
                }
            }
            let uncovered = field.codeList.filter { !seen.contains($0) }
            if breakdown.otherwise == nil, !uncovered.isEmpty || field.nullable {
                let what = uncovered.isEmpty ? "missing values" : "codes \(uncovered.joined(separator: ", "))"
                throw place.error(
                    path, "breakdown `\(name)` leaves \(what) of `\(source.name).\(f)` in no category, so the parts would not add up to Total",
                    fix: "map them, or give the breakdown `otherwise: not_recorded`")
            }
        }
    }

    private func check(_ condition: Condition, in source: Source, at path: String) throws(CatalogueError) {
        switch condition {
        case .isIn(let f, let codes), .notIn(let f, let codes):
            let field = try field(f, in: source, at: path, kinds: [.category, .flag], use: "tested against codes")
            for code in codes where !field.codeList.contains(code) {
                throw place.error(
                    path, "code `\(code)` is not a code of `\(source.name).\(f)`", fix: "use one of: \(field.codeList.joined(separator: ", "))")
            }
        case .isMissing(let f), .isPresent(let f):
            _ = try field(f, in: source, at: path, kinds: [.category, .flag, .date, .month, .number, .identifier], use: "tested for a value")
        case .between(let f, _, _):
            _ = try field(f, in: source, at: path, kinds: [.number], use: "compared as a number")
        case .ageAtEnd(let f, let from, let to):
            _ = try field(f, in: source, at: path, kinds: [.month, .date], use: "an age")
            guard from <= to else { throw place.error(path, "age_at_end runs backwards", fix: "write [from, to] with from ≤ to") }
        case .earlierRowWithinMonths(let months):
            guard case .events = definition.population, months > 0 else {
                throw place.error(
                    path, "earlier_row_within_months needs an events population and a positive number of months", fix: "use population {events: DATE}"
                )
            }
        case .rowsInPeriodAtLeast(let count, let conditions):
            guard count > 0 else { throw place.error(path, "needs a positive count", fix: "write e.g. 3") }
            for (i, c) in conditions.enumerated() { try check(c, in: source, at: "\(path).where[\(i)]") }
        case .latestRowAtLeastMonthsBeforeEnd(let date, let months, let conditions):
            _ = try field(date, in: source, at: "\(path).latest_row.date", kinds: [.date], use: "the row date")
            guard months > 0 else { throw place.error(path, "needs a positive number of months", fix: "write e.g. 30") }
            for (i, c) in conditions.enumerated() { try check(c, in: source, at: "\(path).latest_row.where[\(i)]") }
        }
        if source.child == nil, condition.field == nil || { if case .latestRowAtLeastMonthsBeforeEnd = condition { true } else { false } }() {
            throw place.error(path, "follows a child, but source `\(source.name)` has no child key", fix: "use a source with `child:`")
        }
    }
}
