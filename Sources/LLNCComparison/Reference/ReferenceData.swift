/// The hub's lookups for England's local authorities, keyed by the 3-digit DfE LA number (the
/// one code that does not change when an authority is reorganised): name, ONS codes with the
/// dates each applied, region, and the 10 DfE statistical neighbours of each grouping.
///
/// Built only from text the caller hands in (`parse`), so it is pure and testable; the files
/// themselves live in `hub/reference/`.
public struct ReferenceData: Codable, Sendable, Hashable {
    public var authorities: [Authority]
    public var regions: [Region]
    /// DfE number → its 10 neighbours, closest first, per grouping.
    public var neighbours2021: [String: [String]]
    public var neighbours2025: [String: [String]]

    enum CodingKeys: String, CodingKey {
        case authorities, regions
        case neighbours2021 = "neighbours_2021"
        case neighbours2025 = "neighbours_2025"
    }

    public init(authorities: [Authority], regions: [Region], neighbours2021: [String: [String]], neighbours2025: [String: [String]]) {
        self.authorities = authorities.sorted { $0.laNumber < $1.laNumber }
        self.regions = regions.sorted { $0.code < $1.code }
        self.neighbours2021 = neighbours2021
        self.neighbours2025 = neighbours2025
    }

    public func authority(_ laNumber: String) -> Authority? {
        authorities.first { $0.laNumber == laNumber }
    }

    public func region(_ code: String) -> Region? { regions.first { $0.code == code } }

    /// The authority's ONS code on an ISO date (`2023-04-01`), e.g. North Yorkshire: E10000023
    /// up to 2023-03-31, E06000065 from 2023-04-01. nil when no code applied that day.
    public func onsCode(_ laNumber: String, on date: String) -> String? {
        authority(laNumber)?.onsCodes.first { $0.applies(on: date) }?.code
    }

    /// The 10 statistical neighbours, closest first; empty for an authority the grouping
    /// does not cover.
    public func neighbours(of laNumber: String, grouping: NeighbourGrouping = .sn2025) -> [String] {
        switch grouping {
        case .sn2021: neighbours2021[laNumber] ?? []
        case .sn2025: neighbours2025[laNumber] ?? []
        }
    }
}

/// One local authority as the register knows it.
public struct Authority: Codable, Sendable, Hashable {
    /// The 3-digit DfE number (`old_la_code`), e.g. `815`.
    public var laNumber: String
    /// The current (latest) name.
    public var name: String
    public var regionCode: String
    public var regionName: String
    /// Every ONS code the authority has had, oldest first.
    public var onsCodes: [DatedCode]

    enum CodingKeys: String, CodingKey {
        case name
        case laNumber = "la_number"
        case regionCode = "region_code"
        case regionName = "region_name"
        case onsCodes = "ons_codes"
    }

    public init(laNumber: String, name: String, regionCode: String, regionName: String, onsCodes: [DatedCode]) {
        self.laNumber = laNumber
        self.name = name
        self.regionCode = regionCode
        self.regionName = regionName
        self.onsCodes = onsCodes
    }
}

/// A code and the ISO dates it applied from and until (inclusive; nil until = still live).
public struct DatedCode: Codable, Sendable, Hashable {
    public var code: String
    public var from: String
    public var until: String?

    public init(code: String, from: String, until: String?) {
        self.code = code
        self.from = from
        self.until = until
    }

    public func applies(on date: String) -> Bool {
        from <= date && (until.map { date <= $0 } ?? true)
    }
}

public struct Region: Codable, Sendable, Hashable {
    public var code: String
    public var name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// Which DfE statistical-neighbour model a comparison uses.
public enum NeighbourGrouping: String, Codable, Sendable, Hashable, CaseIterable {
    case sn2021 = "2021"
    case sn2025 = "2025"
}

/// A reference file that cannot be read as expected: which file, line and column, and what
/// to do about it.
public struct ReferenceDataError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String
    public var reason: String

    public init(file: String, line: Int, column: String, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        "\(file) line \(line), column `\(column)`: \(reason); correct the file (see hub/reference/README.md for its source) and reload"
    }
}
