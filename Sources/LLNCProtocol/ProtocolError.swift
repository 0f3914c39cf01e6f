/// Everything that can make an envelope, receipt or token unacceptable, one case per cause.
///
/// Each case has a stable `code` (the `type` suffix of the RFC 9457 problem the hub answers
/// with, and the reason code in a rejected receipt) and says whether retrying the same bytes
/// could ever succeed, so a node's outbox knows to stop or to back off. No case carries a
/// record-level value: only field names, key ids, sequence numbers and sizes.
public enum ProtocolError: Error, Equatable, Sendable {
    /// Bytes that are not a well-formed message: bad JSON, a missing or extra field, a
    /// value outside its pattern.
    case malformed(field: String, reason: String)
    /// The message names a protocol version this implementation does not speak.
    case unsupportedVersion(Int, supported: [Int])
    /// Larger than the limit for its kind.
    /// `unit` is what `size` and `limit` count: bytes, or cells for a payload's cell list.
    case tooLarge(what: String, size: Int, limit: Int, unit: String = "bytes")
    /// Signed by a key the verifier does not know for this site.
    case unknownSigner(keyID: String)
    /// The signature does not verify: the header (or the signed receipt) was altered, or the
    /// signer is not who the key id says.
    case signatureInvalid
    /// The header's signature is good but the ciphertext's digest differs: the ciphertext
    /// was altered after signing.
    case ciphertextTampered
    /// Sealed for a different hub key than this hub's current sealing key.
    case wrongHubKey(expected: String, got: String)
    /// The signature is good and the key id is ours, but the seal does not open.
    case sealOpenFailed
    /// The sealed payload names a different site, submission or sequence than its header:
    /// a ciphertext moved under another header.
    case innerIdentityMismatch(field: String)
    /// This submission id was accepted before with different content.
    case submissionIDReused(submissionID: String)
    /// A sequence number not above the highest this site has had accepted.
    case sequenceRegressed(got: UInt64, highestAccepted: UInt64)
    /// `created_at` is further in the future than the clock-skew allowance.
    case clockSkew(secondsAhead: Int64, allowance: Int64)
    /// An enrolment token that is expired, used, or for another site.
    case enrolmentTokenInvalid(reason: String)
    /// The hub's public keys do not hash to the value pinned from the enrolment token.
    case hubKeyPinMismatch

    /// Stable machine-readable code: the last path segment of the problem `type` URI.
    public var code: String {
        switch self {
        case .malformed: "malformed"
        case .unsupportedVersion: "unsupported-version"
        case .tooLarge: "too-large"
        case .unknownSigner: "unknown-signer"
        case .signatureInvalid: "signature-invalid"
        case .ciphertextTampered: "ciphertext-tampered"
        case .wrongHubKey: "wrong-hub-key"
        case .sealOpenFailed: "seal-open-failed"
        case .innerIdentityMismatch: "inner-identity-mismatch"
        case .submissionIDReused: "submission-id-reused"
        case .sequenceRegressed: "sequence-regressed"
        case .clockSkew: "clock-skew"
        case .enrolmentTokenInvalid: "enrolment-token-invalid"
        case .hubKeyPinMismatch: "hub-key-pin-mismatch"
        }
    }

    /// Whether sending the same bytes again could succeed. Only a clock-skew rejection can:
    /// the same envelope becomes acceptable once the hub's clock passes `created_at`.
    public var isRetryable: Bool {
        if case .clockSkew = self { return true }
        return false
    }
}

extension ProtocolError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .malformed(let field, let reason):
            "malformed message: field '\(field)' \(reason)"
        case .unsupportedVersion(let v, let supported):
            "protocol version \(v) is not supported; this side speaks \(supported.map(String.init).joined(separator: ", ")). Upgrade the older side."
        case .tooLarge(let what, let size, let limit, let unit):
            "\(what) is \(size) \(unit), over the limit of \(limit) \(unit); split the batch"
        case .unknownSigner(let keyID):
            "signed by key \(keyID), which is not an enrolled, current key of this site; re-enrol or finish key rotation"
        case .signatureInvalid:
            "the signature does not verify: the header was altered or signed by another key"
        case .ciphertextTampered:
            "the ciphertext does not match the digest in the signed header: it was altered in transit"
        case .wrongHubKey(let expected, let got):
            "sealed for hub key \(got) but the hub's sealing key is \(expected); fetch the hub's current keys and re-seal"
        case .sealOpenFailed:
            "the sealed payload does not open with the hub's key"
        case .innerIdentityMismatch(let field):
            "the sealed payload's \(field) differs from the header's: the ciphertext was moved under another header"
        case .submissionIDReused(let id):
            "submission \(id) was accepted before with different content; use a new submission id"
        case .sequenceRegressed(let got, let highest):
            "sequence \(got) is not above \(highest), the highest this site has had accepted"
        case .clockSkew(let ahead, let allowance):
            "created_at is \(ahead) s in the future (allowance \(allowance) s); check the node's clock"
        case .enrolmentTokenInvalid(let reason):
            "enrolment token refused: \(reason); ask the hub operator for a new one"
        case .hubKeyPinMismatch:
            "the hub's public keys do not match the hash pinned in the enrolment token: possible impostor, do not proceed"
        }
    }
}
