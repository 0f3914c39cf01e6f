import Foundation

/// What a node sends: a signed header, the payload sealed to the hub, and the site's
/// Ed25519 signature over the header's canonical bytes (SPEC.md §4).
public struct Envelope: Hashable, Sendable, Codable {
    public var header: EnvelopeHeader
    public var ciphertext: [UInt8]
    public var signature: [UInt8]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case header, ciphertext, signature
    }

    public init(header: EnvelopeHeader, ciphertext: [UInt8], signature: [UInt8]) {
        self.header = header
        self.ciphertext = ciphertext
        self.signature = signature
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        header = try c.decode(EnvelopeHeader.self, forKey: .header)
        ciphertext = try c.decodeBase64(forKey: .ciphertext)
        signature = try c.decodeBase64(forKey: .signature, bytes: 64, what: "an Ed25519 signature")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(header, forKey: .header)
        try c.encode(Data(ciphertext).base64EncodedString(), forKey: .ciphertext)
        try c.encode(Data(signature).base64EncodedString(), forKey: .signature)
    }

    /// The wire form: JSON, UTF-8.
    public func jsonBytes() -> [UInt8] { WireJSON.encode(self) }

    /// Parses an envelope from the wire: size limit first, then the version (so an unknown
    /// version is reported as such, not as a malformed message), then every field.
    public static func decode(json: [UInt8]) throws(ProtocolError) -> Envelope {
        guard json.count <= Limits.maxEnvelopeBytes else {
            throw .tooLarge(what: "envelope", size: json.count, limit: Limits.maxEnvelopeBytes)
        }
        if let probe = try? JSONDecoder().decode(VersionProbe.self, from: Data(json)),
            !Limits.supportedVersions.contains(probe.header.protocolVersion)
        {
            throw .unsupportedVersion(probe.header.protocolVersion, supported: Limits.supportedVersions)
        }
        let envelope = try WireJSON.decode(Envelope.self, from: json, what: "envelope")
        try envelope.header.validate()
        guard envelope.header.payloadLength == UInt64(envelope.ciphertext.count) else {
            throw .malformed(field: "header.payload_length", reason: "differs from the ciphertext's length")
        }
        return envelope
    }

    private struct VersionProbe: Decodable {
        struct Header: Decodable {
            let protocolVersion: Int
            enum CodingKeys: String, CodingKey { case protocolVersion = "protocol_version" }
        }
        let header: Header
    }
}
