import Foundation

/// The hub's signed answer to an authenticated envelope (SPEC.md §5.3). A node stores it as
/// proof of delivery (or of a permanent rejection) and verifies it with the hub's pinned
/// signing key before marking anything delivered.
public struct Receipt: Hashable, Sendable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case accepted, duplicate, rejected
    }

    public var protocolVersion: Int
    public var submissionID: String
    public var site: SiteID
    public var sequence: UInt64
    public var outcome: Outcome
    /// A `ProtocolError.code` or a hub rule code when rejected; empty otherwise.
    public var reasonCode: String
    /// `EnvelopeHeader.digest` of the envelope this answers.
    public var envelopeDigest: [UInt8]
    public var receivedAt: String
    public var cellsStored: UInt32
    public var hubKeyID: KeyID
    public var signature: [UInt8]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case site, sequence, outcome, signature
        case protocolVersion = "protocol_version"
        case submissionID = "submission_id"
        case reasonCode = "reason_code"
        case envelopeDigest = "envelope_digest"
        case receivedAt = "received_at"
        case cellsStored = "cells_stored"
        case hubKeyID = "hub_key_id"
    }

    /// Makes and signs a receipt for `header`.
    public static func sign(
        for header: EnvelopeHeader, outcome: Outcome, reasonCode: String = "", receivedAt: String,
        cellsStored: UInt32, hubSigningKey: SigningKeyPair
    ) -> Receipt {
        var receipt = Receipt(
            protocolVersion: header.protocolVersion, submissionID: header.submissionID, site: header.site,
            sequence: header.sequence, outcome: outcome, reasonCode: reasonCode, envelopeDigest: header.digest,
            receivedAt: receivedAt, cellsStored: cellsStored, hubKeyID: hubSigningKey.keyID, signature: [])
        receipt.signature = hubSigningKey.sign(receipt.canonicalBytes)
        return receipt
    }

    init(
        protocolVersion: Int, submissionID: String, site: SiteID, sequence: UInt64, outcome: Outcome,
        reasonCode: String, envelopeDigest: [UInt8], receivedAt: String, cellsStored: UInt32, hubKeyID: KeyID,
        signature: [UInt8]
    ) {
        self.protocolVersion = protocolVersion
        self.submissionID = submissionID
        self.site = site
        self.sequence = sequence
        self.outcome = outcome
        self.reasonCode = reasonCode
        self.envelopeDigest = envelopeDigest
        self.receivedAt = receivedAt
        self.cellsStored = cellsStored
        self.hubKeyID = hubKeyID
        self.signature = signature
    }

    /// The bytes the hub signs (SPEC.md §5.3).
    public var canonicalBytes: [UInt8] {
        var e = CanonicalEncoder()
        e.string("llnc/receipt/v1")
        e.u16(UInt16(protocolVersion))
        e.string(submissionID)
        e.string(site.laNumber)
        e.string(site.onsCode)
        e.u64(sequence)
        e.string(outcome.rawValue)
        e.string(reasonCode)
        e.bytes(envelopeDigest)
        e.string(receivedAt)
        e.u32(cellsStored)
        e.string(hubKeyID.hex)
        return e.output
    }

    /// Checks the hub's signature and that the receipt answers exactly `header`.
    public func verify(hubSigningKey: [UInt8], for header: EnvelopeHeader) throws(ProtocolError) {
        guard KeyID(ed25519: hubSigningKey) == hubKeyID else { throw .unknownSigner(keyID: hubKeyID.hex) }
        guard SigningKeyPair.verify(signature: signature, message: canonicalBytes, publicKey: hubSigningKey) else {
            throw .signatureInvalid
        }
        guard Sodium.constantTimeEqual(envelopeDigest, header.digest) else {
            throw .malformed(field: "receipt.envelope_digest", reason: "answers a different envelope")
        }
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        protocolVersion = try c.decodeProtocolVersion(forKey: .protocolVersion)
        submissionID = try c.decode(String.self, forKey: .submissionID)
        site = try c.decode(SiteID.self, forKey: .site)
        sequence = try c.decode(UInt64.self, forKey: .sequence)
        outcome = try c.decode(Outcome.self, forKey: .outcome)
        reasonCode = try c.decode(String.self, forKey: .reasonCode)
        envelopeDigest = try c.decodeDigest(forKey: .envelopeDigest, field: "envelope_digest")
        receivedAt = try c.decode(String.self, forKey: .receivedAt)
        cellsStored = try c.decode(UInt32.self, forKey: .cellsStored)
        hubKeyID = try c.decode(KeyID.self, forKey: .hubKeyID)
        signature = try c.decodeBase64(forKey: .signature, bytes: 64, what: "an Ed25519 signature")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(protocolVersion, forKey: .protocolVersion)
        try c.encode(submissionID, forKey: .submissionID)
        try c.encode(site, forKey: .site)
        try c.encode(sequence, forKey: .sequence)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(reasonCode, forKey: .reasonCode)
        try c.encode(Hex.encode(envelopeDigest), forKey: .envelopeDigest)
        try c.encode(receivedAt, forKey: .receivedAt)
        try c.encode(cellsStored, forKey: .cellsStored)
        try c.encode(hubKeyID, forKey: .hubKeyID)
        try c.encode(Data(signature).base64EncodedString(), forKey: .signature)
    }

    public func jsonBytes() -> [UInt8] { WireJSON.encode(self) }

    public static func decode(json: [UInt8]) throws(ProtocolError) -> Receipt {
        try WireJSON.decode(Receipt.self, from: json, what: "receipt")
    }
}
