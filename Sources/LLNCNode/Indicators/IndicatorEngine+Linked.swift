import Foundation
import GRDB
import LLNCCatalogue
import LLNCDisclosure
import LLNCProtocol

/// What this site has already published: the cells of its approved batches, by period and
/// indicator (the newest approved batch of each period). A period is protected against the
/// previous one's published cells through the catalogue's cross-period identities.
public struct PublishedLedger: Sendable {
    public var cells: [String: [String: [BatchCell]]]

    public init(cells: [String: [String: [BatchCell]]] = [:]) { self.cells = cells }

    public static let empty = PublishedLedger()

    func cells(of indicator: String, period: String) -> [BatchCell]? { cells[period]?[indicator] }
}

/// Indicators whose tables share cells (the same children under other breakdowns) or are tied
/// by a catalogue identity, protected as one problem (node/PROTECT.md, "Linked indicators").
extension IndicatorEngine {
    /// Groups of linked count indicators among `compiled`, each in catalogue order; indicators
    /// linked to nothing are left out.
    func linkedGroups(_ compiled: [CompiledIndicator]) -> [[CompiledIndicator]] {
        let linkable = compiled.filter { !$0.indicator.definition.measure.isMagnitude }
        var parent = Dictionary(uniqueKeysWithValues: linkable.map { ($0.indicator.id, $0.indicator.id) })
        func root(_ id: String) -> String {
            var id = id
            while let p = parent[id], p != id { id = p }
            return id
        }
        func join(_ a: String, _ b: String) {
            guard parent[a] != nil, parent[b] != nil else { return }
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[rb] = ra }
        }
        var byPopulation: [String: String] = [:]
        var linked = Set<String>()
        for c in linkable {
            let population = IndicatorTable.population(of: c.indicator.definition)
            if let first = byPopulation[population] {
                join(first, c.indicator.id)
                linked.formUnion([first, c.indicator.id])
            } else {
                byPopulation[population] = c.indicator.id
            }
        }
        for identity in catalogue.identities {
            let current = identity.terms.filter { !$0.previousPeriod }.map(\.indicator).filter { parent[$0] != nil }
            for id in current.dropFirst() { join(current[0], id) }
            linked.formUnion(identity.terms.map(\.indicator).filter { parent[$0] != nil })
        }
        var groups: [String: [CompiledIndicator]] = [:]
        for c in linkable where linked.contains(c.indicator.id) { groups[root(c.indicator.id), default: []].append(c) }
        return groups.values.sorted { a, b in
            (compiled.firstIndex { $0.indicator.id == a[0].indicator.id } ?? 0) < (compiled.firstIndex { $0.indicator.id == b[0].indicator.id } ?? 0)
        }
    }

    /// One linked group's unprotected tables, the identities between them and the earlier
    /// publication they are protected against: what `compute` protects jointly, for
    /// benchmarks and independent attacks (`llnc-bench linked`).
    public struct LinkedGroup: Sendable {
        public let tables: [LLNCDisclosure.Table]
        public let identities: [LLNCDisclosure.Identity]
        public let earlier: [ProtectedTable]
    }

    /// Every linked group of `period` (tables that cannot be built are left out).
    public func linkedGroups(period: String, reader: any DatabaseReader, published: PublishedLedger = .empty) throws -> [LinkedGroup] {
        let compiler = IndicatorCompiler(catalogue: catalogue)
        let compiled = try catalogue.indicators.map { try compiler.compile($0, period: period) }
        return try linkedGroups(compiled).map { group in
            var results: [String: IndicatorResult] = [:]
            let built = try buildLinked(group, reader: reader, published: published, failures: &results)
            return LinkedGroup(tables: built.tables.map(\.counted.table), identities: built.identities, earlier: built.earlier)
        }
    }

    private func buildLinked(
        _ group: [CompiledIndicator], reader: any DatabaseReader, published: PublishedLedger, failures results: inout [String: IndicatorResult]
    ) throws -> (
        tables: [(compiled: CompiledIndicator, counted: IndicatorTable.CountTable)], identities: [LLNCDisclosure.Identity], earlier: [ProtectedTable]
    ) {
        var tables: [(compiled: CompiledIndicator, counted: IndicatorTable.CountTable)] = []
        for compiled in group {
            let rows = try compiled.counts.map { try Self.run($0, indicator: compiled.indicator.id, reader: reader) } ?? []
            let population = try compiled.population.flatMap {
                try Self.run($0, indicator: compiled.indicator.id, reader: reader).first?.values.first ?? nil
            }
            do {
                tables.append((compiled, try IndicatorTable(compiled: compiled, policy: policy).countTable(rows: rows, population: population)))
            } catch {
                // Fail closed for this indicator alone (rows in no category, a bad table).
                results[compiled.indicator.id] = Self.unavailable(compiled, reason: String(describing: error))
            }
        }
        let period = group[0].period
        let earlier = try earlierTables(for: group.map(\.indicator.id), before: period, published: published)
        let identities = expand(
            catalogue.identities.filter { identity in identity.terms.contains { t in group.contains { $0.indicator.id == t.indicator } } },
            tables: tables.map(\.counted.table) + earlier.map(\.table), period: period)
        return (tables, identities, earlier)
    }

    /// Protects a linked group jointly. Fails closed: if the tables cannot be protected
    /// together, every indicator of the group is unavailable with the reason.
    func computeLinked(_ group: [CompiledIndicator], reader: any DatabaseReader, published: PublishedLedger) throws -> [IndicatorResult] {
        var results: [String: IndicatorResult] = [:]
        let (tables, identities, earlier) = try buildLinked(group, reader: reader, published: published, failures: &results)
        let names = tables.map(\.compiled.indicator.id)
        do {
            let joint = try JointProtection.protect(tables.map(\.counted.table), identities: identities, earlier: earlier, policy: policy)
            let attacked = joint.audit.findings.count
            var summary = "protected together: \(names.joined(separator: ", "))"
            if !earlier.isEmpty {
                summary += "; held fixed, as published: " + earlier.map { $0.table.name }.joined(separator: ", ")
            }
            let applied = Set(joint.identitiesApplied.map { Self.identityName($0) }).sorted()
            let notHolding = Set(joint.identitiesNotHolding.map { Self.identityName($0) }).sorted()
            if !applied.isEmpty { summary += "; identities: " + applied.joined(separator: ", ") }
            if !notHolding.isEmpty {
                summary += "; identities that do not hold for this site's data (not used): " + notHolding.joined(separator: ", ")
            }
            if !joint.fixedByDefinition.isEmpty {
                summary +=
                    "; \(joint.fixedByDefinition.count) structural zero(s) (cells the definitions force to 0 once the linked tables agree, such as a category no looked-after child can be in), not attacked"
            }
            summary +=
                "; joint attack on \(attacked) suppressed small count(s), this period's and earlier: "
                + (joint.audit.passed ? "every one protected by at least ±\(Int(policy.protectionMargin))" : "FAILED")
            for (k, entry) in tables.enumerated() {
                let table = IndicatorTable(compiled: entry.compiled, policy: policy)
                results[entry.compiled.indicator.id] = IndicatorResult(
                    indicator: entry.compiled.indicator.id, cells: table.countCells(joint.tables[k], of: entry.counted), protection: summary)
            }
        } catch {
            let reason = "linked tables (\(names.joined(separator: ", "))) could not be protected together: \(error)"
            for entry in tables { results[entry.compiled.indicator.id] = Self.unavailable(entry.compiled, reason: reason) }
        }
        return group.compactMap { results[$0.indicator.id] }
    }

    /// An identity's catalogue name, without the variable's binding.
    static func identityName(_ expanded: String) -> String {
        expanded.split(separator: " ", maxSplits: 1).first.map(String.init) ?? expanded
    }

    /// The catalogue's identities as label relations over these tables, one per binding of
    /// the variable (the values it takes in the first left term's table).
    func expand(_ identities: [LLNCCatalogue.Identity], tables: [LLNCDisclosure.Table], period: ReportingPeriod) -> [LLNCDisclosure.Identity] {
        var byName: [String: LLNCDisclosure.Table] = [:]
        for table in tables { byName[table.name] = table }
        func tableName(_ term: LLNCCatalogue.Identity.Term) -> String {
            term.previousPeriod ? "\(term.indicator)@\(period.previous.label)" : term.indicator
        }
        func label(_ term: LLNCCatalogue.Identity.Term, binding: String) -> String? {
            guard let table = byName[tableName(term)] else { return nil }
            return LLNCDisclosure.Table.label(
                population: table.population, values: term.breakdown.mapValues { LLNCCatalogue.Identity.substitute($0, binding) })
        }
        var out: [LLNCDisclosure.Identity] = []
        for identity in identities {
            var bindings = [""]
            if identity.variable != nil, let first = identity.left.first, let table = byName[tableName(first)] {
                var found = Set<String>()
                for index in table.values.indices {
                    let key = table.key(at: index)
                    var cell: [String: String] = [:]
                    for (d, dimension) in table.dimensions.enumerated() where key.values[d] != dimension.root { cell[dimension.name] = key.values[d] }
                    if let binding = LLNCCatalogue.Identity.binding(of: first, cell: cell), !binding.isEmpty { found.insert(binding) }
                }
                bindings = found.sorted()
            } else if identity.variable != nil {
                bindings = []
            }
            for binding in bindings {
                let plus = identity.left.map { label($0, binding: binding) }
                let minus = identity.right.map { label($0, binding: binding) }
                guard plus.allSatisfy({ $0 != nil }), minus.allSatisfy({ $0 != nil }) else { continue }
                out.append(
                    LLNCDisclosure.Identity(
                        name: binding.isEmpty ? identity.name : "\(identity.name) (\(binding))", plus: plus.map { $0! }, minus: minus.map { $0! }))
            }
        }
        return out
    }

    /// The previous period's published tables of the indicators the group's identities read
    /// there, rebuilt from the site's approved batch (exact values as they were, statuses as
    /// they left).
    func earlierTables(for group: [String], before period: ReportingPeriod, published: PublishedLedger) throws -> [ProtectedTable] {
        let previous = period.previous
        let wanted = Set(
            catalogue.identities.flatMap { identity -> [String] in
                guard identity.terms.contains(where: { group.contains($0.indicator) }) else { return [] }
                return identity.terms.filter(\.previousPeriod).map(\.indicator)
            })
        let compiler = IndicatorCompiler(catalogue: catalogue)
        var tables: [ProtectedTable] = []
        for id in wanted.sorted() {
            guard let indicator = catalogue.indicator(id), let cells = published.cells(of: id, period: previous.label), !cells.isEmpty else {
                continue
            }
            let compiled = try compiler.compile(indicator, period: previous.label)
            let table = IndicatorTable(compiled: compiled, policy: policy)
            guard var rebuilt = try? table.publishedTable(cells) else { continue }
            // Named apart from this period's table; its population already names its period.
            rebuilt.table.name = "\(id)@\(previous.label)"
            let byBreakdown = Dictionary(cells.map { ($0.cell.breakdown, $0.cell) }, uniquingKeysWith: { a, _ in a })
            tables.append(
                ProtectedTable.published(rebuilt.table, policy: policy) { key in
                    guard let cell = byBreakdown[table.breakdown(key.values, dimensions: rebuilt.dimensions)] else { return nil }
                    return Self.shown(cell)
                })
        }
        return tables
    }

    /// What a published wire cell showed, in the disclosure library's terms.
    static func shown(_ cell: Cell) -> ProtectedTable.Shown {
        switch cell.status {
        case .published:
            return cell.value.flatMap(Double.init).map { .exact($0) } ?? .suppressed
        case .rounded:
            let base = cell.reason.flatMap { $0.hasPrefix("rounded:base") ? Int($0.dropFirst("rounded:base".count)) : nil } ?? 5
            if cell.symbol == .low { return .low(base: base) }
            return cell.value.flatMap(Double.init).map { .rounded($0, base: base) } ?? .suppressed
        default:
            return .suppressed
        }
    }

    /// Fail closed for an indicator: one cell saying it is unavailable, and the reason for the
    /// review; none of the table's figures.
    static func unavailable(_ compiled: CompiledIndicator, reason: String) -> IndicatorResult {
        let i = compiled.indicator
        let cell = Cell(
            indicator: i.id, definitionVersion: i.version, period: compiled.period.label, unit: i.unit,
            status: .unavailable, symbol: .unavailable, reason: "disclosure:not_protected")
        return IndicatorResult(indicator: i.id, cells: [BatchCell(cell: cell, localValue: nil, rule: reason)])
    }
}

extension IndicatorTable {
    /// What a table counts, for linking (`Table.population`): the definition without a
    /// rate's denominator, since a rate counts the same children as the count it divides.
    static func population(of definition: Definition) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding and re-reading plain value types cannot fail.
        var object = (try? JSONSerialization.jsonObject(with: encoder.encode(definition))) as? [String: Any] ?? [:]
        object["denominator"] = nil
        let bytes = Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data())
        return String(ContentDigest.hex(bytes).prefix(16))
    }

    var countedPopulation: String { Self.population(of: indicator.definition) + "@" + compiled.period.label }

    /// The count table an approved batch was published from, rebuilt from its leaf cells'
    /// exact values (kept at the site): a count indicator only. Its population names the
    /// batch's period, as the table computed for that period did.
    func publishedTable(_ cells: [BatchCell]) throws -> CountTable {
        guard indicator.unit == .count else { throw IndicatorError.disclosure(indicator: indicator.id, reason: "only counts are rebuilt") }
        var rows: [QueryRow] = []
        let names = compiled.dimensions.map(\.name)
        let leafSets = compiled.dimensions.map { plan in Set(plan.hierarchy.values.flatMap { $0 }.filter { plan.hierarchy[$0] == nil }) }
        for cell in cells {
            guard let value = cell.localValue.flatMap(Double.init) else { continue }
            let categories = names.map { cell.cell.breakdown[$0] }
            guard categories.enumerated().allSatisfy({ d, c in c.map { leafSets[d].contains($0) } ?? false }) else { continue }
            rows.append(QueryRow(categories: categories, values: [value, 0]))
        }
        if names.isEmpty, let total = cells.first(where: { $0.cell.breakdown.isEmpty })?.localValue.flatMap(Double.init) {
            rows = [QueryRow(categories: ["all"], values: [total, 0])]
        }
        return try countTable(rows: rows, population: nil)
    }
}
