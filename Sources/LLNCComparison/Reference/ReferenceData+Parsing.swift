extension ReferenceData {
    /// Reads the reference files' text (las.csv, regions.csv, statistical-neighbours-2021.csv
    /// and -2025.csv, as in hub/reference/). Throws naming the file, line and column of the
    /// first thing it cannot read.
    ///
    /// las.csv rows without a 3-digit DfE number (`x`, `z`, or a combined "940 / 941" row) or
    /// without an ONS code (`z`: British Forces overseas) are not authorities a site can be,
    /// and are skipped. In the neighbour files, rows with an
    /// empty first column are notes or separators (the 2021 file's "Old SNs:") and are skipped.
    public static func parse(las: String, regions: String, neighbours2021: String, neighbours2025: String) throws(ReferenceDataError) -> ReferenceData
    {
        let regionList = try parseRegions(regions)
        let authorities = try parseAuthorities(las, regions: regionList)
        return ReferenceData(
            authorities: authorities, regions: regionList,
            neighbours2021: try parseNeighbours(neighbours2021, file: "statistical-neighbours-2021.csv", prefix: "SN"),
            neighbours2025: try parseNeighbours(neighbours2025, file: "statistical-neighbours-2025.csv", prefix: "SN_"))
    }

    static func parseRegions(_ text: String) throws(ReferenceDataError) -> [Region] {
        let csv = try CSVText(file: "regions.csv", text: text)
        let code = try csv.column("region_code")
        let name = try csv.column("region_name")
        var regions: [Region] = []
        for row in csv.rows where !row.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) {
            let c = try csv.field(row, code)
            guard c.hasPrefix("E1"), c.utf8.count == 9 else { throw csv.error(row, code, "`\(c)` is not a region code (E12 or E13 and 6 digits)") }
            let n = try csv.field(row, name)
            guard !n.isEmpty else { throw csv.error(row, name, "the region has no name") }
            regions.append(Region(code: c, name: n))
        }
        return regions
    }

    static func parseAuthorities(_ text: String, regions: [Region]) throws(ReferenceDataError) -> [Authority] {
        let csv = try CSVText(file: "las.csv", text: text)
        let onsColumn = try csv.column("new_la_code")
        let nameColumn = try csv.column("la_name")
        let fromColumn = try csv.column("date_of_operation")
        let untilColumn = try csv.column("date_of_termination")
        let regionColumn = try csv.column("parent_geography_code")
        let numberColumn = try csv.column("old_la_code")
        let regionNames = Dictionary(regions.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var rows: [String: [(code: DatedCode, name: String, region: String)]] = [:]
        for row in csv.rows where !row.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) {
            let number = try csv.field(row, numberColumn)
            guard number.isLANumber else { continue }
            let ons = try csv.field(row, onsColumn)
            // `z`/`x`: no ONS geography (British Forces overseas); not a site.
            if ons == "z" || ons == "x" { continue }
            guard ons.utf8.count == 9, ons.hasPrefix("E") else { throw csv.error(row, onsColumn, "`\(ons)` is not an ONS code (E and 8 digits)") }
            let name = try csv.field(row, nameColumn)
            guard !name.isEmpty else { throw csv.error(row, nameColumn, "the authority has no name") }
            let region = try csv.field(row, regionColumn)
            guard regionNames[region] != nil else { throw csv.error(row, regionColumn, "`\(region)` is not a region in regions.csv") }
            guard let from = isoDate(try csv.field(row, fromColumn)) else {
                throw csv.error(row, fromColumn, "expected a date dd/mm/yyyy")
            }
            let untilText = try csv.field(row, untilColumn)
            let until = untilText.isEmpty ? nil : isoDate(untilText)
            if !untilText.isEmpty && until == nil { throw csv.error(row, untilColumn, "expected a date dd/mm/yyyy or nothing") }
            let entry = (code: DatedCode(code: ons, from: from, until: until), name: name, region: region)
            if !(rows[number]?.contains { $0.code == entry.code } ?? false) { rows[number, default: []].append(entry) }
        }
        return rows.map { number, entries in
            let ordered = entries.sorted { $0.code.from < $1.code.from }
            let latest = ordered.last!
            return Authority(
                laNumber: number, name: latest.name, regionCode: latest.region, regionName: regionNames[latest.region]!,
                onsCodes: ordered.map(\.code))
        }
    }

    static func parseNeighbours(_ text: String, file: String, prefix: String) throws(ReferenceDataError) -> [String: [String]] {
        let csv = try CSVText(file: file, text: text)
        let key = 0
        let columns = try (1...10).map { k throws(ReferenceDataError) in try csv.column("\(prefix)\(k)") }
        var groups: [String: [String]] = [:]
        for row in csv.rows {
            let number = try csv.field(row, key)
            if number.isEmpty { continue }
            guard number.isLANumber else { throw csv.error(row, key, "`\(number)` is not a 3-digit DfE LA number") }
            guard groups[number] == nil else { throw csv.error(row, key, "LA \(number) is listed twice; keep one row per authority") }
            var neighbours: [String] = []
            for column in columns {
                let n = try csv.field(row, column)
                guard n.isLANumber else { throw csv.error(row, column, "`\(n)` is not a 3-digit DfE LA number") }
                neighbours.append(n)
            }
            groups[number] = neighbours
        }
        return groups
    }

    /// `dd/mm/yyyy` → `yyyy-mm-dd`.
    static func isoDate(_ text: String) -> String? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts[0].count == 2, parts[1].count == 2, parts[2].count == 4,
            let d = Int(parts[0]), let m = Int(parts[1]), Int(parts[2]) != nil, (1...31).contains(d), (1...12).contains(m)
        else { return nil }
        return "\(parts[2])-\(parts[1])-\(parts[0])"
    }
}
