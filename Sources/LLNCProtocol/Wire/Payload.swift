/// The plaintext sealed inside an envelope: a batch of cells, and the ids of the header
/// repeated so the hub can tell that this ciphertext was made for this header (a ciphertext
/// moved under another site's or another submission's header is refused).
public struct Payload: Hashable, Sendable, Codable {
    public var protocolVersion: Int
    public var site: SiteID
    public var submissionID: String
    public var sequence: UInt64
    public var catalogueVersion: String
    public var cells: [Cell]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case site, sequence, cells
        case protocolVersion = "protocol_version"
        case submissionID = "submission_id"
        case catalogueVersion = "catalogue_version"
    }

    public init(site: SiteID, submissionID: String, sequence: UInt64, catalogueVersion: String, cells: [Cell], protocolVersion: Int = 1) {
        self.protocolVersion = protocolVersion
        self.site = site
        self.submissionID = submissionID
        self.sequence = sequence
        self.catalogueVersion = catalogueVersion
        self.cells = cells
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        protocolVersion = try c.decode(Int.self, forKey: .protocolVersion)
        site = try c.decode(SiteID.self, forKey: .site)
        submissionID = try c.decode(String.self, forKey: .submissionID)
        sequence = try c.decode(UInt64.self, forKey: .sequence)
        catalogueVersion = try c.decode(String.self, forKey: .catalogueVersion)
        cells = try c.decode([Cell].self, forKey: .cells)
    }

    /// The JSON plaintext (UTF-8) that is sealed.
    public func jsonBytes() -> [UInt8] { WireJSON.encode(self) }

    /// Parses and fully validates a payload's plaintext.
    public static func decode(json: [UInt8]) throws(ProtocolError) -> Payload {
        guard json.count <= Limits.maxPayloadBytes else {
            throw .tooLarge(what: "payload", size: json.count, limit: Limits.maxPayloadBytes)
        }
        let payload = try WireJSON.decode(Payload.self, from: json, what: "payload")
        try payload.validate()
        return payload
    }

    public func validate() throws(ProtocolError) {
        guard Limits.supportedVersions.contains(protocolVersion) else {
            throw .unsupportedVersion(protocolVersion, supported: Limits.supportedVersions)
        }
        guard Pattern.isUUID(submissionID) else {
            throw .malformed(field: "submission_id", reason: "must be a lowercase UUID")
        }
        guard sequence >= 1 else { throw .malformed(field: "sequence", reason: "must be 1 or more") }
        guard Pattern.isCode(catalogueVersion, max: 64) else {
            throw .malformed(field: "catalogue_version", reason: "must be 1-64 of a-z 0-9 _ - . :")
        }
        guard cells.count <= Limits.maxCellsPerPayload else {
            throw .tooLarge(what: "payload", size: cells.count, limit: Limits.maxCellsPerPayload, unit: "cells")
        }
        var seen = Set<CellKey>()
        for (i, cell) in cells.enumerated() {
            try cell.validate(index: i)
            guard seen.insert(CellKey(cell)).inserted else {
                throw .malformed(field: "cells[\(i)]", reason: "repeats the indicator, period and breakdown of an earlier cell")
            }
        }
    }

    private struct CellKey: Hashable {
        let indicator: String, version: Int, period: String, breakdown: [String: String]
        init(_ c: Cell) {
            indicator = c.indicator
            version = c.definitionVersion
            period = c.period
            breakdown = c.breakdown
        }
    }
}
