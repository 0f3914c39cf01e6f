import Foundation
import LLNCProtocol
import Yams

/// Reads a catalogue folder: `sources.yaml` (store tables, fields, shared breakdowns) and
/// one YAML file per family of indicators, then validates the whole catalogue. Nothing that
/// fails validation is returned: a catalogue either loads whole or not at all.
public enum CatalogueLoader {
    /// Loads every `*.yaml` file of `directory` (`sources.yaml` first, the rest by name).
    public static func load(directory: URL) throws -> Catalogue {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        guard names.contains("sources.yaml") else {
            throw CatalogueError(
                file: directory.path, indicator: nil, field: "sources.yaml", problem: "is missing",
                fix: "put the catalogue's sources.yaml in this folder")
        }
        var files: [(String, String)] = []
        for name in names {
            files.append((name, try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)))
        }
        return try load(files: files)
    }

    /// Loads from (file name, YAML text) pairs; one of them must be `sources.yaml`.
    public static func load(files: [(name: String, text: String)]) throws(CatalogueError) -> Catalogue {
        guard let sourcesFile = files.first(where: { $0.name == "sources.yaml" }) else {
            throw CatalogueError(file: "sources.yaml", indicator: nil, field: "", problem: "is missing", fix: "add sources.yaml")
        }
        let sourcesRoot = try root(sourcesFile.name, sourcesFile.text).map(allowed: ["sources", "breakdowns"])
        let sources = try readSources(sourcesRoot)
        let breakdowns = try readBreakdowns(sourcesRoot)
        var families: [Catalogue.Family] = []
        var indicators: [Indicator] = []
        var identities: [Identity] = []
        for file in files where file.name != "sources.yaml" {
            let map = try root(file.name, file.text).map(allowed: ["family", "title", "indicators", "identities"])
            let family = try map.required("family", fix: "name the family, e.g. stock_and_flow").string()
            families.append(Catalogue.Family(name: family, title: try map["title"]?.string() ?? family, file: file.name))
            for entry in try map.required("indicators", fix: "list the family's indicators").list() {
                indicators.append(try readIndicator(entry, file: file.name))
            }
            for entry in try map["identities"]?.list() ?? [] {
                identities.append(try readIdentity(entry, file: file.name))
            }
        }
        let catalogue = Catalogue(sources: sources, breakdowns: breakdowns, families: families, indicators: indicators, identities: identities)
        try CatalogueValidator(catalogue: catalogue).validate()
        return catalogue
    }

    private static func root(_ name: String, _ text: String) throws(CatalogueError) -> YAMLValue {
        let place = Place(file: name, indicator: nil)
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw place.error("", "the file is empty", fix: "write the catalogue entries")
            }
            return YAMLValue(node: node, path: "", place: place)
        } catch let error as CatalogueError {
            throw error
        } catch {
            throw place.error("", "is not valid YAML (\(error))", fix: "correct the YAML syntax at the position shown")
        }
    }

    private static func readIdentity(_ entry: YAMLValue, file: String) throws(CatalogueError) -> Identity {
        let map = try entry.map(allowed: ["name", "why", "left", "right"])
        func terms(_ key: String) throws(CatalogueError) -> [Identity.Term] {
            var out: [Identity.Term] = []
            for item in try map.required(key, fix: "list the cells on this side, e.g. [{indicator: looked_after_at_31_march}]").list() {
                let term = try item.map(allowed: ["indicator", "breakdown", "period"])
                var breakdown: [String: String] = [:]
                for (dimension, value) in try term["breakdown"]?.map(allowed: []).entries ?? [] {
                    breakdown[dimension] = try value.string()
                }
                let period = try term["period"]?.string() ?? "current"
                guard period == "current" || period == "previous" else {
                    throw item.fail(
                        "period `\(period)` is not current or previous", fix: "write `period: previous` for last period's figure, or leave it out")
                }
                out.append(
                    Identity.Term(
                        indicator: try term.required("indicator", fix: "name the indicator").string(), breakdown: breakdown,
                        previousPeriod: period == "previous"))
            }
            return out
        }
        return Identity(
            name: try map.required("name", fix: "name the identity, e.g. looked_after_stock_is_the_flow_destination").string(),
            why: try map.required("why", fix: "say why it holds by definition").string(), file: file,
            left: try terms("left"), right: try terms("right"))
    }

    static let indicatorKeys = [
        "id", "title", "description", "purpose", "practice", "unit", "polarity", "period", "breakdowns",
        "disclosure", "version", "comparable_versions", "definition",
    ]

    private static func readIndicator(_ entry: YAMLValue, file: String) throws(CatalogueError) -> Indicator {
        let raw = try entry.map(allowed: [])
        let id = try raw.required("id", fix: "give the indicator an id such as cin_referrals").string()
        let place = Place(file: file, indicator: id)
        let value = YAMLValue(node: entry.node, path: "", place: place)
        let map = try value.map(allowed: indicatorKeys)
        func text(_ key: String) throws(CatalogueError) -> String {
            try map.required(key, fix: "write the indicator's \(key)").string()
        }
        func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(CatalogueError) -> E where E.RawValue == String {
            let field = try map.required(key, fix: "give one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            guard let parsed = E(rawValue: try field.string()) else {
                throw field.fail("is not a known \(key)", fix: "use one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return parsed
        }
        var practice: [Indicator.Practice] = []
        let practiceField = try map.required("practice", fix: "list the practices it serves: data, voice, ethics, use, learning")
        for item in try practiceField.list() {
            guard let p = Indicator.Practice(rawValue: try item.string()) else {
                throw item.fail("is not a practice", fix: "use data, voice, ethics, use or learning")
            }
            practice.append(p)
        }
        let disclosureMap = try map.required("disclosure", fix: "give `disclosure: {class: frequency, sensitive: true}`")
            .map(allowed: ["class", "sensitive"])
        let classField = try disclosureMap.required("class", fix: "frequency (counts) or magnitude (sums of money or days)")
        guard let disclosureClass = Indicator.Disclosure.Class(rawValue: try classField.string()) else {
            throw classField.fail("is not a disclosure class", fix: "use frequency or magnitude")
        }
        var comparable: [Int] = []
        for item in try map["comparable_versions"]?.list() ?? [] { comparable.append(try item.int()) }
        return Indicator(
            id: id, file: file, title: try text("title"), description: try text("description"),
            purpose: try text("purpose"), practice: practice, unit: try choice("unit", Cell.Unit.self),
            polarity: try choice("polarity", Indicator.Polarity.self), period: try choice("period", Indicator.PeriodType.self),
            breakdowns: try map["breakdowns"]?.strings() ?? [],
            disclosure: Indicator.Disclosure(class: disclosureClass, sensitive: try disclosureMap["sensitive"]?.bool() ?? true),
            version: try map.required("version", fix: "start at version: 1").int(), comparableVersions: comparable,
            definition: try readDefinition(try map.required("definition", fix: "give the declarative definition")))
    }
}
