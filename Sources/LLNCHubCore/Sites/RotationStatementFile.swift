import Foundation
import LLNCProtocol

/// The file a site hands the operator to rotate its signing key (`llnc-hub sites rotate
/// FILE`): a `SiteKeyRotation` (SPEC.md §9.4) as JSON, keys and signatures in base64.
/// Both signatures are checked against the canonical bytes, so the file's JSON layout is
/// only a carrier.
public struct RotationStatementFile: Codable, Sendable {
    public var site: SiteID
    public var oldKeyID: String
    public var newSigningKey: String
    public var effectiveAt: String
    public var oldKeySignature: String
    public var newKeySignature: String

    enum CodingKeys: String, CodingKey {
        case site
        case oldKeyID = "old_key_id"
        case newSigningKey = "new_signing_key"
        case effectiveAt = "effective_at"
        case oldKeySignature = "old_key_signature"
        case newKeySignature = "new_key_signature"
    }

    public init(_ rotation: SiteKeyRotation) {
        site = rotation.site
        oldKeyID = rotation.oldKeyID.hex
        newSigningKey = Data(rotation.newSigningKey).base64EncodedString()
        effectiveAt = rotation.effectiveAt
        oldKeySignature = Data(rotation.oldKeySignature).base64EncodedString()
        newKeySignature = Data(rotation.newKeySignature).base64EncodedString()
    }

    public func statement() throws -> SiteKeyRotation {
        guard let key = Data(base64Encoded: newSigningKey), key.count == 32,
            let oldSignature = Data(base64Encoded: oldKeySignature), oldSignature.count == 64,
            let newSignature = Data(base64Encoded: newKeySignature), newSignature.count == 64,
            Timestamp.parse(effectiveAt) != nil
        else {
            throw ProtocolError.malformed(
                field: "rotation statement", reason: "the key must be 32 bytes and the signatures 64, in base64; effective_at a UTC timestamp")
        }
        return SiteKeyRotation(
            site: site, oldKeyID: try KeyID(validating: oldKeyID, field: "old_key_id"), newSigningKey: [UInt8](key),
            effectiveAt: effectiveAt, oldKeySignature: [UInt8](oldSignature), newKeySignature: [UInt8](newSignature))
    }
}
