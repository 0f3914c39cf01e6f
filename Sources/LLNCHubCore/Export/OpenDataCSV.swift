/// Writes an `OpenDataTable` as the two EES files: the tidy data CSV and its `.meta.csv`.
///
/// Columns, in order: the mandatory `time_period, time_identifier, geographic_level,
/// country_code, country_name`, then `region_code, region_name` and `old_la_code,
/// new_la_code, la_name` (blank on rows of a higher level), then the filters, then the
/// indicators. Every value is a number or one of the EES symbols; nothing is left blank in
/// an indicator column.
package enum OpenDataCSV {
    static let geographyColumns = [
        "time_period", "time_identifier", "geographic_level", "country_code", "country_name",
        "region_code", "region_name", "old_la_code", "new_la_code", "la_name",
    ]
    static let metaColumns = [
        "col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint",
        "filter_grouping_column",
    ]

    package static func data(_ table: OpenDataTable) -> String {
        let header = geographyColumns + table.filters.map(\.column) + table.indicators.map(\.column)
        var lines = [line(header)]
        for row in table.rows {
            var fields = [
                row.timePeriod, row.timeIdentifier, row.level.rawValue, OpenDataTable.countryCode, OpenDataTable.countryName,
                row.regionCode, row.regionName, row.oldLACode, row.newLACode, row.laName,
            ]
            fields += table.filters.map { row.filters[$0.column] ?? "Total" }
            fields += table.indicators.map { row.values[$0.column]?.text ?? "x" }
            lines.append(line(fields))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func meta(_ table: OpenDataTable) -> String {
        let note = table.synthetic ? " (SYNTHETIC DATA, not real figures)" : ""
        var lines = [line(metaColumns)]
        for filter in table.filters {
            lines.append(line([filter.column, "Filter", filter.label + note, "", "", "", filter.hint, ""]))
        }
        for indicator in table.indicators {
            lines.append(
                line([
                    indicator.column, "Indicator", indicator.label + note, indicator.grouping, indicator.unit,
                    String(indicator.decimalPlaces), "", "",
                ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    static func line(_ fields: [String]) -> String {
        fields.map { field in
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }
}
