/// One open-data file in Explore Education Statistics (EES) form, before it is written:
/// its filter and indicator columns with their metadata, and its rows (DOMAIN.md §4).
///
/// Kept apart from the comparison model so the CSV rules (column order, mandatory
/// geography columns, symbols, the `.meta.csv`) live in one small place and are tested by
/// reading the files back.
package struct OpenDataTable: Sendable, Hashable {
    /// The file's base name (`NAME.csv`, `NAME.meta.csv`): snake_case.
    package var name: String
    var filters: [Filter]
    var indicators: [IndicatorColumn]
    var rows: [Row]
    /// Said in every label of the `.meta.csv` and in the data guidance when the hub was
    /// told its figures are synthetic.
    var synthetic: Bool

    struct Filter: Sendable, Hashable {
        /// snake_case column name, e.g. `age_band`.
        var column: String
        var label: String
        var hint: String
    }

    struct IndicatorColumn: Sendable, Hashable {
        var column: String
        var label: String
        var grouping: String
        /// EES units: "" (a number), "%", "£".
        var unit: String
        var decimalPlaces: Int
    }

    enum Level: String, Sendable, Hashable {
        case national = "National"
        case regional = "Regional"
        case localAuthority = "Local authority"
    }

    /// A figure or the EES symbol said instead of it.
    enum Value: Sendable, Hashable {
        case number(String)
        /// `c` suppressed, `x` unavailable, `z` not applicable, `low`, `k` rounds to zero.
        case symbol(String)

        var text: String {
            switch self {
            case .number(let text), .symbol(let text): text
            }
        }
    }

    struct Row: Sendable, Hashable {
        /// EES form: `2025` for a reporting year, `202425` for academic and financial years.
        var timePeriod: String
        var timeIdentifier: String
        var level: Level
        var regionCode = ""
        var regionName = ""
        /// The 3-digit DfE LA number.
        var oldLACode = ""
        /// The ONS code in force for the period.
        var newLACode = ""
        var laName = ""
        /// Filter column → category; `Total` for the figure over every category.
        var filters: [String: String]
        /// Indicator column → value.
        var values: [String: Value]
    }

    static let countryCode = "E92000001"
    static let countryName = "England"

    /// EES `time_period` for a period written `2024-25`: the year a reporting year (to
    /// 31 March) ends in, or both years run together for academic and financial years.
    static func timePeriod(_ period: String, timeIdentifier: String) -> String {
        let parts = period.split(separator: "-")
        guard parts.count == 2, let start = Int(parts[0]), parts[0].count == 4 else { return period }
        let end = start + 1
        if timeIdentifier == "Reporting year" { return String(end) }
        return "\(start)\(String(end).suffix(2))"
    }
}
