import Yams

/// Reading an indicator's `definition:` block.
extension CatalogueLoader {
    static func readDefinition(_ value: YAMLValue) throws(CatalogueError) -> Definition {
        let map = try value.map(allowed: ["source", "population", "filters", "measure", "value", "numerator", "denominator"])
        let measureField = try map.required(
            "measure",
            fix: "say what is aggregated: " + Definition.Measure.allCases.map(\.rawValue).joined(separator: ", ")
                + " (a definition without an aggregate would list rows, which a node never does)")
        guard let measure = Definition.Measure(rawValue: try measureField.string()) else {
            throw measureField.fail(
                "`\(try measureField.string())` is not an aggregate",
                fix: "use one of: " + Definition.Measure.allCases.map(\.rawValue).joined(separator: ", ") + "; a definition cannot list rows")
        }
        var denominator: Definition.PopulationDenominator?
        if let d = map["denominator"] {
            let dm = try d.map(allowed: ["population", "ages"])
            let ages = try dm.required("ages", fix: "give the ages, e.g. [0, 17]").list()
            guard ages.count == 2 else { throw d.fail("ages needs [from, to]", fix: "write ages: [0, 17]") }
            denominator = Definition.PopulationDenominator(
                source: try dm.required("population", fix: "name the population source, e.g. ons_population").string(),
                fromAge: try ages[0].int(), toAge: try ages[1].int())
        }
        return Definition(
            source: try map.required("source", fix: "name a source declared in sources.yaml").string(),
            population: try readPopulation(
                try map.required("population", fix: "give records, {events: DATE}, {open_at_end: {start, end}} or {transition: ...}")),
            filters: try readConditions(map["filters"]), measure: measure, value: try map["value"]?.string(),
            numerator: try readConditions(map["numerator"]), denominator: denominator)
    }

    private static func readPopulation(_ value: YAMLValue) throws(CatalogueError) -> Definition.Population {
        if case .scalar = value.node {
            guard try value.string() == "records" else {
                throw value.fail("is not a population", fix: "write records, {events: DATE}, {open_at_end: {start, end}} or {transition: ...}")
            }
            return .records
        }
        let map = try value.map(allowed: ["events", "open_at_end", "transition"])
        if let date = map["events"] { return .events(date: try date.string()) }
        if let open = map["open_at_end"] {
            let o = try open.map(allowed: ["start", "end"])
            return .openAtEnd(
                start: try o.required("start", fix: "name the start date field").string(),
                end: try o.required("end", fix: "name the end date field").string())
        }
        guard let transition = map["transition"] else { throw value.fail("is empty", fix: "give one population form") }
        let t = try transition.map(allowed: ["states", "otherwise"])
        var states: [Definition.StateRule] = []
        for item in try t.required("states", fix: "list the states in order of precedence").list() {
            let s = try item.map(allowed: ["name", "source", "start", "end", "breakdown"])
            states.append(
                Definition.StateRule(
                    name: try s.required("name", fix: "name the state").string(),
                    source: try s.required("source", fix: "name the state's source").string(),
                    start: try s.required("start", fix: "name the start date field").string(),
                    end: try s.required("end", fix: "name the end date field").string(),
                    breakdown: try s["breakdown"]?.string()))
        }
        return .transition(states: states, otherwise: try t.required("otherwise", fix: "name the state of a child in none, e.g. not_open").string())
    }

    static func readConditions(_ value: YAMLValue?) throws(CatalogueError) -> [Condition] {
        guard let value else { return [] }
        var conditions: [Condition] = []
        for item in try value.list() { conditions.append(try readCondition(item)) }
        return conditions
    }

    private static func readCondition(_ value: YAMLValue) throws(CatalogueError) -> Condition {
        let map = try value.map(allowed: [
            "field", "in", "not_in", "missing", "at_least", "at_most", "age_at_end",
            "earlier_row_within_months", "rows_in_period_at_least", "where", "latest_row",
        ])
        if let months = map["earlier_row_within_months"] { return .earlierRowWithinMonths(try months.int()) }
        if let count = map["rows_in_period_at_least"] {
            return .rowsInPeriodAtLeast(count: try count.int(), where: try readConditions(map["where"]))
        }
        if let latest = map["latest_row"] {
            let l = try latest.map(allowed: ["date", "where", "at_least_months_before_end"])
            return .latestRowAtLeastMonthsBeforeEnd(
                date: try l.required("date", fix: "name the date field that orders rows").string(),
                months: try l.required("at_least_months_before_end", fix: "give the months, e.g. 30").int(),
                where: try readConditions(l["where"]))
        }
        let field = try map.required("field", fix: "name the field the condition tests").string()
        if let codes = map["in"] { return .isIn(field: field, codes: try codes.strings()) }
        if let codes = map["not_in"] { return .notIn(field: field, codes: try codes.strings()) }
        if let missing = map["missing"] { return try missing.bool() ? .isMissing(field: field) : .isPresent(field: field) }
        if let ages = map["age_at_end"] {
            let bounds = try ages.list()
            guard bounds.count == 2 else { throw ages.fail("age_at_end needs [from, to]", fix: "write e.g. [19, 21]") }
            return .ageAtEnd(field: field, from: try bounds[0].int(), to: try bounds[1].int())
        }
        if map["at_least"] != nil || map["at_most"] != nil {
            return .between(field: field, from: try map["at_least"]?.double(), to: try map["at_most"]?.double())
        }
        throw value.fail("says nothing about `\(field)`", fix: "add in, not_in, missing, at_least/at_most or age_at_end")
    }
}
