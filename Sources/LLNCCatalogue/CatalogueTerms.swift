import Foundation
import LLNCProtocol

/// What a published catalogue version lets a cell say: for each indicator its definition
/// version, unit, period form and dimensions with their categories. A hub keeps the terms of
/// every version it accepts (`llnc-hub catalogue publish` writes them) and refuses an
/// envelope with any cell outside them (SPEC.md §6 step 11), so a figure the catalogue does
/// not define is never stored or released, whatever a site sends.
public struct CatalogueTerms: Sendable, Hashable, Codable {
    public struct IndicatorTerms: Sendable, Hashable, Codable {
        public var definitionVersion: Int
        public var unit: Cell.Unit
        public var period: Indicator.PeriodType
        /// Dimension name → every category a cell may give it (`Total` included).
        public var dimensions: [String: Set<String>]

        public init(definitionVersion: Int, unit: Cell.Unit, period: Indicator.PeriodType, dimensions: [String: Set<String>] = [:]) {
            self.definitionVersion = definitionVersion
            self.unit = unit
            self.period = period
            self.dimensions = dimensions
        }

        enum CodingKeys: String, CodingKey {
            case unit, period, dimensions
            case definitionVersion = "definition_version"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                definitionVersion: try c.decode(Int.self, forKey: .definitionVersion), unit: try c.decode(Cell.Unit.self, forKey: .unit),
                period: try c.decode(Indicator.PeriodType.self, forKey: .period),
                dimensions: try c.decode([String: [String]].self, forKey: .dimensions).mapValues(Set.init))
        }

        /// Categories sorted, so the same terms are the same bytes.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(definitionVersion, forKey: .definitionVersion)
            try c.encode(unit, forKey: .unit)
            try c.encode(period, forKey: .period)
            try c.encode(dimensions.mapValues { $0.sorted() }, forKey: .dimensions)
        }
    }

    /// The catalogue version these terms are of (`catalogue_version` on a payload).
    public var version: String
    public var indicators: [String: IndicatorTerms]

    public init(version: String, indicators: [String: IndicatorTerms]) {
        self.version = version
        self.indicators = indicators
    }

    public init(_ catalogue: Catalogue) {
        var indicators: [String: IndicatorTerms] = [:]
        for indicator in catalogue.indicators {
            let dimensions = catalogue.dimensions(of: indicator).map { ($0.name, $0.categories) }
            indicators[indicator.id] = IndicatorTerms(
                definitionVersion: indicator.version, unit: indicator.unit, period: indicator.period,
                dimensions: Dictionary(uniqueKeysWithValues: dimensions))
        }
        self.init(version: catalogue.version, indicators: indicators)
    }

    /// Refuses a cell these terms do not define; `index` names it. The first field that
    /// differs is named, never a value the cell carries beyond the catalogue's own words.
    public func check(_ cell: Cell, index: Int) throws(CellOutsideCatalogue) {
        let here = "cells[\(index)]"
        guard let terms = indicators[cell.indicator] else {
            throw CellOutsideCatalogue(field: "\(here).indicator", reason: "is not an indicator of catalogue \(version)")
        }
        guard cell.definitionVersion == terms.definitionVersion else {
            throw CellOutsideCatalogue(
                field: "\(here).definition_version",
                reason: "is not the version catalogue \(version) defines for \(cell.indicator) (\(terms.definitionVersion))")
        }
        guard cell.unit == terms.unit else {
            throw CellOutsideCatalogue(field: "\(here).unit", reason: "is not \(cell.indicator)'s unit in the catalogue (\(terms.unit.rawValue))")
        }
        guard ReportingPeriod(cell.period, type: terms.period) != nil else {
            throw CellOutsideCatalogue(field: "\(here).period", reason: "is not a \(terms.period.rawValue) such as 2024-25")
        }
        guard !cell.breakdown.isEmpty else { return }
        // Most cells are good: decide that without sorting anything (a payload has up to
        // 100,000 cells); only a refusal looks for the first bad dimension by name.
        let known = cell.breakdown.allSatisfy { terms.dimensions[$0.key]?.contains($0.value) ?? false }
        if known, cell.breakdown.count == terms.dimensions.count { return }
        for (dimension, category) in cell.breakdown.sorted(by: { $0.key < $1.key }) {
            guard let categories = terms.dimensions[dimension] else {
                let names = terms.dimensions.keys.sorted()
                throw CellOutsideCatalogue(
                    field: "\(here).breakdown.\(dimension)",
                    reason: names.isEmpty
                        ? "\(cell.indicator) has no breakdowns" : "is not a breakdown of \(cell.indicator) (\(names.joined(separator: ", ")))")
            }
            guard categories.contains(category) else {
                throw CellOutsideCatalogue(field: "\(here).breakdown.\(dimension)", reason: "is not a category of \(dimension) in the catalogue")
            }
        }
        // Every named dimension is known, so one is missing. A split cell names every
        // dimension (`Total` for those it does not split), so one figure has one spelling and
        // the hub's comparisons find it.
        let missing = terms.dimensions.keys.sorted().first { cell.breakdown[$0] == nil } ?? ""
        throw CellOutsideCatalogue(
            field: "\(here).breakdown.\(missing)",
            reason: "is missing: a cell with a breakdown names every dimension of \(cell.indicator), Total for those it does not split")
    }

    /// The JSON a hub keeps for these terms: sorted keys and categories, so the same terms are
    /// the same bytes.
    public func jsonBytes() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        // Plain value types with string keys always encode.
        return try! encoder.encode(self)
    }
}

/// A cell the catalogue version it names does not define: `field` is the cell and field
/// (`cells[3].breakdown.age_band`), `reason` what the catalogue says instead.
public struct CellOutsideCatalogue: Error, Hashable, Sendable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field) \(reason)" }
}
