/// The signed, cleartext part of an envelope: enough for the hub to find the site's key,
/// check the signature, apply the replay rule and route the ciphertext, without opening it.
public struct EnvelopeHeader: Hashable, Sendable, Codable {
    public var protocolVersion: Int
    public var site: SiteID
    public var siteKeyID: KeyID
    public var submissionID: String
    public var sequence: UInt64
    public var createdAt: String
    public var hubKeyID: KeyID
    public var catalogueVersion: String
    /// BLAKE2b-256 of the ciphertext: the signature covers the ciphertext through it.
    public var payloadDigest: [UInt8]
    public var payloadLength: UInt64

    enum CodingKeys: String, CodingKey, CaseIterable {
        case site, sequence
        case protocolVersion = "protocol_version"
        case siteKeyID = "site_key_id"
        case submissionID = "submission_id"
        case createdAt = "created_at"
        case hubKeyID = "hub_key_id"
        case catalogueVersion = "catalogue_version"
        case payloadDigest = "payload_digest"
        case payloadLength = "payload_length"
    }

    public init(
        protocolVersion: Int = 1, site: SiteID, siteKeyID: KeyID, submissionID: String, sequence: UInt64,
        createdAt: String, hubKeyID: KeyID, catalogueVersion: String, payloadDigest: [UInt8], payloadLength: UInt64
    ) {
        self.protocolVersion = protocolVersion
        self.site = site
        self.siteKeyID = siteKeyID
        self.submissionID = submissionID
        self.sequence = sequence
        self.createdAt = createdAt
        self.hubKeyID = hubKeyID
        self.catalogueVersion = catalogueVersion
        self.payloadDigest = payloadDigest
        self.payloadLength = payloadLength
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        protocolVersion = try c.decodeProtocolVersion(forKey: .protocolVersion)
        site = try c.decode(SiteID.self, forKey: .site)
        siteKeyID = try c.decode(KeyID.self, forKey: .siteKeyID)
        submissionID = try c.decode(String.self, forKey: .submissionID)
        sequence = try c.decode(UInt64.self, forKey: .sequence)
        createdAt = try c.decode(String.self, forKey: .createdAt)
        hubKeyID = try c.decode(KeyID.self, forKey: .hubKeyID)
        catalogueVersion = try c.decode(String.self, forKey: .catalogueVersion)
        payloadDigest = try c.decodeDigest(forKey: .payloadDigest, field: "header.payload_digest")
        payloadLength = try c.decode(UInt64.self, forKey: .payloadLength)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(protocolVersion, forKey: .protocolVersion)
        try c.encode(site, forKey: .site)
        try c.encode(siteKeyID, forKey: .siteKeyID)
        try c.encode(submissionID, forKey: .submissionID)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(hubKeyID, forKey: .hubKeyID)
        try c.encode(catalogueVersion, forKey: .catalogueVersion)
        try c.encode(Hex.encode(payloadDigest), forKey: .payloadDigest)
        try c.encode(payloadLength, forKey: .payloadLength)
    }

    /// The bytes the site signs (SPEC.md §4.2): fields in this order, canonical encoding.
    public var canonicalBytes: [UInt8] {
        var e = CanonicalEncoder()
        e.string("llnc/envelope-header/v1")
        e.u16(UInt16(protocolVersion))
        e.string(site.laNumber)
        e.string(site.onsCode)
        e.string(siteKeyID.hex)
        e.string(submissionID)
        e.u64(sequence)
        e.string(createdAt)
        e.string(hubKeyID.hex)
        e.string(catalogueVersion)
        e.bytes(payloadDigest)
        e.u64(payloadLength)
        return e.output
    }

    /// Identifies exactly this envelope in receipts: BLAKE2b-256 of the signed header bytes,
    /// which commit to the ciphertext.
    public var digest: [UInt8] { Sodium.blake2b(canonicalBytes) }

    /// Field checks that need no key: patterns, and `created_at` well formed.
    public func validate() throws(ProtocolError) {
        guard Pattern.isUUID(submissionID) else {
            throw .malformed(field: "header.submission_id", reason: "must be a lowercase UUID")
        }
        guard payloadLength >= UInt64(SealingKeyPair.overhead) else {
            throw .malformed(field: "header.payload_length", reason: "must be at least 48 (the seal's overhead)")
        }
        guard (1...Limits.maxSequence).contains(sequence) else {
            throw .malformed(field: "header.sequence", reason: "must be 1 to 2^63-1 (9223372036854775807)")
        }
        guard Timestamp.parse(createdAt) != nil else {
            throw .malformed(field: "header.created_at", reason: "must be UTC RFC 3339 with whole seconds: YYYY-MM-DDTHH:MM:SSZ")
        }
        guard Pattern.isCode(catalogueVersion, max: 64) else {
            throw .malformed(field: "header.catalogue_version", reason: "must be 1-64 of a-z 0-9 _ - . :")
        }
    }
}
