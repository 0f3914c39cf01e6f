/// A site, named the two ways England names a local authority: the 3-digit DfE LA number
/// (stable; the key) and the ONS code in force when the envelope was made (which changes
/// when authorities are reorganised, e.g. North Yorkshire E10000023 → E06000065 in 2023).
public struct SiteID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let laNumber: String
    public let onsCode: String

    enum CodingKeys: String, CodingKey, CaseIterable {
        case laNumber = "la_number"
        case onsCode = "ons_code"
    }

    public init(laNumber: String, onsCode: String) throws(ProtocolError) {
        guard laNumber.utf8.count == 3, laNumber.utf8.allSatisfy(Pattern.isDigit) else {
            throw .malformed(field: "site.la_number", reason: "must be the 3-digit DfE LA number, e.g. 353")
        }
        let ons = Array(onsCode.utf8)
        guard ons.count == 9, ons[0] == UInt8(ascii: "E"), ons.dropFirst().allSatisfy(Pattern.isDigit) else {
            throw .malformed(field: "site.ons_code", reason: "must be an English ONS code: E then 8 digits, e.g. E08000004")
        }
        self.laNumber = laNumber
        self.onsCode = onsCode
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            laNumber: c.decode(String.self, forKey: .laNumber),
            onsCode: c.decode(String.self, forKey: .onsCode))
    }

    public var description: String { "\(laNumber) (\(onsCode))" }
}
