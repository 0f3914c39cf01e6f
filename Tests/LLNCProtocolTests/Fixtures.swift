import LLNCTestSupport

@testable import LLNCProtocol

/// Fixed keys and messages shared by the protocol tests and the golden vectors.
enum Fixtures {
    static func seed(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: 32) }

    static let siteKey = try! SigningKeyPair(seed: seed(0x01))
    static let otherSiteKey = try! SigningKeyPair(seed: seed(0x04))
    static let hubSealing = try! SealingKeyPair(seed: seed(0x02))
    static let hubSigning = try! SigningKeyPair(seed: seed(0x03))
    static let otherHubSealing = try! SealingKeyPair(seed: seed(0x05))
    static let ephemeralSeed = seed(0x06)
    static let oldham = try! SiteID(laNumber: "353", onsCode: "E08000004")
    static let rochdale = try! SiteID(laNumber: "354", onsCode: "E08000005")
    static let createdAt = "2025-05-01T09:30:00Z"
    static let now = Timestamp.parse("2025-05-01T09:31:00Z")!
    static var hubKey: Envelope.HubSealingKey { .init(publicKey: hubSealing.publicKey) }
    static var hubKeys: HubKeySet { HubKeySet(sealingKey: hubSealing.publicKey, signingKey: hubSigning.publicKey) }

    static let cells: [Cell] = [
        Cell(
            indicator: "cla_rate_per_10k", definitionVersion: 1, period: "2024-25", unit: .ratePer10000,
            status: .rounded, value: "84.5", reason: "rounded:base5", numerator: "455", denominator: "53850"),
        Cell(
            indicator: "cla_starts", definitionVersion: 1, period: "2024-25", breakdown: ["age_band": "0-1"],
            unit: .count, status: .suppressed, symbol: .confidential, reason: "primary:threshold"),
        Cell(
            indicator: "cla_starts", definitionVersion: 1, period: "2024-25", breakdown: ["age_band": "1-5"],
            unit: .count, status: .suppressed, symbol: .confidential, reason: "secondary"),
        Cell(
            indicator: "cla_starts", definitionVersion: 1, period: "2024-25", breakdown: ["age_band": "Total"],
            unit: .count, status: .rounded, value: "140", reason: "rounded:base5"),
    ]

    static func payload(
        site: SiteID = oldham, submissionID: String = "0b6f3a52-5f7e-4c1e-9a57-3f7d2f1c0a01", sequence: UInt64 = 7,
        cells: [Cell] = cells
    ) -> Payload {
        Payload(site: site, submissionID: submissionID, sequence: sequence, catalogueVersion: "2025.1", cells: cells)
    }

    static func envelope(_ payload: Payload = payload(), signer: SigningKeyPair = siteKey) throws -> Envelope {
        try Envelope.seal(payload, createdAt: createdAt, siteKey: signer, hubKey: hubKey, ephemeralSeed: ephemeralSeed)
    }

    /// A hub that knows Oldham's key and nothing else.
    static func siteKeys(_ site: SiteID, _ id: KeyID) throws(ProtocolError) -> [UInt8] {
        guard site == oldham, id == siteKey.keyID else { throw .unknownSigner(keyID: id.hex) }
        return siteKey.publicKey
    }

    static func check(
        _ json: [UInt8], history: ReplayRule.SiteHistory = .none, hub: SealingKeyPair = hubSealing, now: Int64 = now
    ) throws(ProtocolError) -> SubmissionCheck.Outcome {
        try SubmissionCheck.run(json: json, siteKey: siteKeys, hubKey: hub, history: { _ in history }, now: now)
    }
}
