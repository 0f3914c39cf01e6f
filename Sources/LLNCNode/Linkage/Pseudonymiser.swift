import LLNCProtocol

/// Replaces child identifiers with keyed hashes under the site secret, at ingest, before
/// anything is stored.
///
/// The same identifier always gives the same pseudonym at one site, so a child links across
/// datasets and collection years; without the secret the pseudonym cannot be reversed by
/// hashing every plausible id. Each identifier type is hashed under its own prefix, so a CHILD
/// id that happens to equal a UPN never collides with it.
public struct Pseudonymiser: Sendable {
    private let hash: KeyedHash

    public init(siteSecret: [UInt8]) throws {
        self.hash = try KeyedHash(key: siteSecret)
    }

    /// The pseudonym of an LA child id (SSDA903 CHILD, CIN LAchildID): 64 hex digits.
    /// Surrounding blanks are not part of the id; case is (LA systems differ).
    public func child(_ id: String) -> String { hash.hexDigest("child:" + id) }

    /// The pseudonym of a unique pupil number, whose letters are upper case by definition.
    public func upn(_ upn: String) -> String { hash.hexDigest("upn:" + upn.uppercased()) }
}

/// What a UPN field holds: a pupil number, or one of the DfE's "no UPN" reasons, which say
/// nothing about who the child is and so must never link two children.
enum UPNValue: Equatable {
    case number(String)
    case unknown
    case invalid

    /// A UPN is 13 characters: a check letter, 11 digits, then a digit or letter
    /// (temporary UPNs end in a letter). UN1-UN5 mean "no UPN" for a stated reason.
    init(_ raw: String) {
        let text = raw.uppercased()
        if ["UN1", "UN2", "UN3", "UN4", "UN5"].contains(text) {
            self = .unknown
            return
        }
        let bytes = Array(text.utf8)
        func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        func isLetter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        guard bytes.count == 13, isLetter(bytes[0]), bytes[1...11].allSatisfy(isDigit),
            isDigit(bytes[12]) || isLetter(bytes[12])
        else {
            self = .invalid
            return
        }
        self = .number(text)
    }
}

/// The district (outward code) of a postcode: all the store keeps, e.g. `OL1` of `OL1 1AA`.
/// Nil when the text is not a UK postcode shape.
func postcodeDistrict(_ raw: String) -> String? {
    let compact = raw.uppercased().filter { $0 != " " }
    let outward: Substring
    if compact.count >= 5 {
        outward = compact.dropLast(3)
        let inward = Array(compact.suffix(3).utf8)
        guard inward[0] >= 48, inward[0] <= 57, inward[1] >= 65, inward[2] >= 65 else { return nil }
    } else {
        outward = Substring(compact)
    }
    let bytes = Array(outward.utf8)
    guard (2...4).contains(bytes.count), bytes[0] >= 65, bytes[0] <= 90,
        bytes.contains(where: { $0 >= 48 && $0 <= 57 }),
        bytes.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) })
    else { return nil }
    return String(outward)
}
