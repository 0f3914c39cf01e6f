import Yams

/// Reading `sources.yaml`: the store tables definitions may read, and the shared breakdowns.
extension CatalogueLoader {
    static func readSources(_ root: YAMLMap) throws(CatalogueError) -> [Source] {
        var sources: [Source] = []
        for (name, value) in try root.required("sources", fix: "list the store tables under `sources:`").map(allowed: []).entries {
            let map = try value.map(allowed: ["title", "table", "child", "attributes", "fields"])
            var fields: [Field] = []
            for (fieldName, spec) in try map.required("fields", fix: "declare every field a definition may use").map(allowed: []).entries {
                fields.append(try readField(fieldName, spec))
            }
            var attributes: AttributeJoin?
            if let join = map["attributes"] {
                let j = try join.map(allowed: ["table", "fields"])
                attributes = AttributeJoin(
                    table: try j.required("table", fix: "name the per-child table").string(),
                    fields: try j.required("fields", fix: "list the fields taken from it").strings())
            }
            sources.append(
                Source(
                    name: name, title: try map["title"]?.string() ?? name,
                    table: try map.required("table", fix: "name the store table or view").string(),
                    child: try map["child"]?.string(), attributes: attributes, fields: fields))
        }
        return sources
    }

    /// `name: kind` or `name: {kind: category, codes: [...], nullable: true}`.
    private static func readField(_ name: String, _ spec: YAMLValue) throws(CatalogueError) -> Field {
        let kinds = Field.Kind.allCases.map(\.rawValue)
        func kind(_ value: YAMLValue) throws(CatalogueError) -> Field.Kind {
            guard let kind = Field.Kind(rawValue: try value.string()) else {
                throw value.fail("unknown field kind", fix: "use one of: \(kinds.joined(separator: ", "))")
            }
            return kind
        }
        if case .scalar = spec.node {
            return Field(name: name, kind: try kind(spec), codes: [], nullable: false)
        }
        let map = try spec.map(allowed: ["kind", "codes", "nullable"])
        let k = try kind(try map.required("kind", fix: "give the field's kind"))
        let codes = try map["codes"]?.strings() ?? []
        if k == .category, codes.isEmpty {
            throw spec.fail("a category field has no code list", fix: "list every code the store may hold under `codes:`")
        }
        return Field(name: name, kind: k, codes: codes, nullable: try map["nullable"]?.bool() ?? false)
    }

    static func readBreakdowns(_ root: YAMLMap) throws(CatalogueError) -> [Breakdown] {
        guard let section = root["breakdowns"] else { return [] }
        var breakdowns: [Breakdown] = []
        for (name, value) in try section.map(allowed: []).entries {
            let map = try value.map(allowed: ["title", "field", "categories", "groups", "age_bands", "otherwise"])
            let field = try map.required("field", fix: "name the field this breakdown splits by").string()
            var groups: [String] = []
            var groupOf: [String: String] = [:]
            let rule: Breakdown.Rule
            if let bands = map["age_bands"] {
                var list: [Breakdown.AgeBand] = []
                for (band, range) in try bands.map(allowed: []).entries {
                    let bounds = try range.list()
                    guard bounds.count == 2 else { throw range.fail("an age band needs [from, to]", fix: "write e.g. [1, 4]") }
                    list.append(Breakdown.AgeBand(name: band, from: try bounds[0].int(), to: try bounds[1].int()))
                }
                rule = .ageBands(field: field, bands: list)
            } else if let categories = map["categories"] {
                rule = .codes(field: field, categories: try readCategories(categories))
            } else if let grouped = map["groups"] {
                var all: [Breakdown.Category] = []
                for (group, categories) in try grouped.map(allowed: []).entries {
                    groups.append(group)
                    for category in try readCategories(categories) {
                        groupOf[category.name] = group
                        all.append(category)
                    }
                }
                rule = .codes(field: field, categories: all)
            } else {
                throw value.fail("has no categories", fix: "give `categories:`, `groups:` or `age_bands:`")
            }
            breakdowns.append(
                Breakdown(
                    name: name, title: try map["title"]?.string() ?? name, rule: rule,
                    otherwise: try map["otherwise"]?.string(), groupOf: groupOf, groups: groups))
        }
        return breakdowns
    }

    private static func readCategories(_ value: YAMLValue) throws(CatalogueError) -> [Breakdown.Category] {
        var categories: [Breakdown.Category] = []
        for (name, codes) in try value.map(allowed: []).entries {
            categories.append(Breakdown.Category(name: name, codes: try codes.strings()))
        }
        return categories
    }
}
