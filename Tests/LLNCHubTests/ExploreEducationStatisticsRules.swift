import Foundation

/// An independent reader and checker of Explore Education Statistics (EES) files, written
/// from the rules in ../shared/DOMAIN.md §4 and DfE's published guidance, not from the
/// hub's writer: it parses the CSV text back and lists every rule a file breaks.
enum ExploreEducationStatisticsRules {
    static let mandatory = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name"]
    static let regional = ["region_code", "region_name"]
    static let localAuthority = ["old_la_code", "new_la_code", "la_name"]
    static let metaHeader = [
        "col_name", "col_type", "label", "indicator_grouping", "indicator_unit", "indicator_dp", "filter_hint",
        "filter_grouping_column",
    ]
    static let timeIdentifiers: Set<String> = ["Reporting year", "Academic year", "Financial year", "Calendar year"]
    static let symbols: Set<String> = ["c", "x", "z", "low", "k", "u"]
    static let units: Set<String> = ["", "%", "£", "£m", "pp"]

    /// Every broken rule, as a sentence naming the file, row and column; empty when valid.
    static func violations(data: String, meta: String, synthetic: Bool? = nil) -> [String] {
        var problems: [String] = []
        let rows = parse(data)
        let metaRows = parse(meta)
        guard let header = rows.first else { return ["data file is empty"] }
        let snake = header.filter { $0.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) == nil }
        if !snake.isEmpty { problems.append("data header: not snake_case: \(snake)") }
        if Set(header).count != header.count { problems.append("data header: a column appears twice") }
        for column in mandatory + regional + localAuthority where !header.contains(column) {
            problems.append("data header: missing \(column)")
        }
        guard problems.isEmpty else { return problems }
        let geography = Set(mandatory + regional + localAuthority)
        let index = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })

        // The .meta.csv describes every other column exactly once.
        guard metaRows.first == metaHeader else { return problems + ["meta header is \(metaRows.first ?? []), not \(metaHeader)"] }
        var filters: [String] = []
        var indicators: [String] = []
        for (n, row) in metaRows.dropFirst().enumerated() {
            guard row.count == metaHeader.count else {
                problems.append("meta line \(n + 2): \(row.count) fields")
                continue
            }
            let column = row[0]
            if geography.contains(column) { problems.append("meta line \(n + 2): lists geography column \(column)") }
            if !header.contains(column) { problems.append("meta line \(n + 2): \(column) is not a data column") }
            if row[2].isEmpty { problems.append("meta line \(n + 2): \(column) has no label") }
            if let synthetic, synthetic != row[2].contains("SYNTHETIC") {
                problems.append("meta line \(n + 2): label \(synthetic ? "does not say" : "says") the data are synthetic")
            }
            switch row[1] {
            case "Filter": filters.append(column)
            case "Indicator":
                indicators.append(column)
                if !units.contains(row[4]) { problems.append("meta line \(n + 2): unit '\(row[4])' is not an EES unit") }
                if Int(row[5]) == nil { problems.append("meta line \(n + 2): indicator_dp '\(row[5])' is not a whole number") }
            default: problems.append("meta line \(n + 2): col_type '\(row[1])' is neither Filter nor Indicator")
            }
        }
        let described = Set(filters + indicators)
        if described.count != filters.count + indicators.count { problems.append("meta: a column is described twice") }
        for column in header where !geography.contains(column) && !described.contains(column) {
            problems.append("meta: data column \(column) is not described")
        }
        if indicators.isEmpty { problems.append("meta: no indicator column") }

        var keys: Set<[String]> = []
        var totals: Set<[String]> = []
        var places: Set<[String]> = []
        var categories: [String: Set<String>] = [:]
        for (n, row) in rows.dropFirst().enumerated() {
            let line = n + 2
            guard row.count == header.count else {
                problems.append("data line \(line): \(row.count) fields, header has \(header.count)")
                continue
            }
            func value(_ column: String) -> String { row[index[column]!] }
            let period = value("time_period")
            if !isTimePeriod(period) { problems.append("data line \(line): time_period '\(period)' is not YYYY or YYYYYY") }
            if !timeIdentifiers.contains(value("time_identifier")) {
                problems.append("data line \(line): time_identifier '\(value("time_identifier"))'")
            }
            if value("country_code") != "E92000001" || value("country_name") != "England" {
                problems.append("data line \(line): country is not England")
            }
            let regionFilled = !value("region_code").isEmpty || !value("region_name").isEmpty
            let laFilled = localAuthority.contains { !value($0).isEmpty }
            switch value("geographic_level") {
            case "National":
                if regionFilled || laFilled { problems.append("data line \(line): a National row names a region or LA") }
            case "Regional":
                if !matches(value("region_code"), "^E12[0-9]{6}$") || value("region_name").isEmpty {
                    problems.append("data line \(line): Regional row without a region code and name")
                }
                if laFilled { problems.append("data line \(line): a Regional row names an LA") }
            case "Local authority":
                if !matches(value("old_la_code"), "^[0-9]{3}$") {
                    problems.append("data line \(line): old_la_code '\(value("old_la_code"))' is not 3 digits")
                }
                if !matches(value("new_la_code"), "^E(06|07|08|09|10)[0-9]{6}$") {
                    problems.append("data line \(line): new_la_code is not an LA's ONS code")
                }
                if value("la_name").isEmpty { problems.append("data line \(line): no la_name") }
            default:
                problems.append("data line \(line): geographic_level '\(value("geographic_level"))'")
            }
            for indicator in indicators {
                let v = value(indicator)
                if !(symbols.contains(v) || matches(v, "^-?[0-9]+(\\.[0-9]+)?$")) {
                    problems.append("data line \(line): \(indicator) is '\(v.isEmpty ? "blank" : "neither a number nor a symbol")'")
                }
            }
            let place = mandatory.map(value) + regional.map(value) + localAuthority.map(value)
            let filterValues = filters.map(value)
            for (filter, category) in zip(filters, filterValues) {
                if category.isEmpty { problems.append("data line \(line): filter \(filter) is blank") }
                categories[filter, default: []].insert(category)
            }
            if !keys.insert(place + filterValues).inserted { problems.append("data line \(line): repeats another row's time, place and filters") }
            places.insert(place)
            if filterValues.allSatisfy({ $0 == "Total" }) { totals.insert(place) }
        }
        for (filter, values) in categories where !values.contains("Total") {
            problems.append("filter \(filter) has no Total")
        }
        if places.count != totals.count { problems.append("\(places.count - totals.count) time-and-place rows lack the all-Total row") }
        return problems
    }

    static func isTimePeriod(_ text: String) -> Bool {
        if matches(text, "^[0-9]{4}$") { return true }
        guard matches(text, "^[0-9]{6}$"), let start = Int(text.prefix(4)), let end = Int(text.suffix(2)) else { return false }
        return (start + 1) % 100 == end
    }

    static func matches(_ text: String, _ pattern: String) -> Bool { text.range(of: pattern, options: .regularExpression) != nil }

    /// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        chars = []
        return rows
    }
}
