import Foundation
import LLNCTestSupport
import Testing

@testable import LLNCProtocol

@Suite(.timeLimit(.minutes(10)))
struct EnvelopeTests {
    @Test func aSealedEnvelopeVerifiesAndOpensToTheSamePayload() throws {
        let envelope = try Fixtures.envelope()
        let decoded = try Envelope.decode(json: envelope.jsonBytes())
        #expect(decoded == envelope)
        guard case .fresh(_, let payload) = try Fixtures.check(envelope.jsonBytes()) else {
            Issue.record("expected a fresh submission")
            return
        }
        #expect(payload == Fixtures.payload())
    }

    @Test func realSealingUsesAFreshEphemeralKeyEachTime() throws {
        let a = try Envelope.seal(Fixtures.payload(), createdAt: Fixtures.createdAt, siteKey: Fixtures.siteKey, hubKey: Fixtures.hubKey)
        let b = try Envelope.seal(Fixtures.payload(), createdAt: Fixtures.createdAt, siteKey: Fixtures.siteKey, hubKey: Fixtures.hubKey)
        #expect(a.ciphertext != b.ciphertext)
        #expect(try a.open(with: Fixtures.hubSealing) == b.open(with: Fixtures.hubSealing))
    }

    @Test func deterministicSealOpensWithLibsodiumsSealOpen() throws {
        let sealed = try SealingKeyPair.sealDeterministically(
            Array("hello".utf8), to: Fixtures.hubSealing.publicKey, ephemeralSeed: Fixtures.ephemeralSeed)
        #expect(Fixtures.hubSealing.open(sealed) == Array("hello".utf8))
    }

    @Test func theSameEnvelopeAgainIsADuplicate() throws {
        let envelope = try Fixtures.envelope()
        let digest = envelope.header.digest
        let history = ReplayRule.SiteHistory(highestAcceptedSequence: 7) { id in id == envelope.header.submissionID ? digest : nil }
        guard case .duplicate = try Fixtures.check(envelope.jsonBytes(), history: history) else {
            Issue.record("expected a duplicate")
            return
        }
    }

    @Test func anEnvelopeFromTooFarInTheFutureIsRetryable() throws {
        let envelope = try Fixtures.envelope()
        #expect(throws: ProtocolError.clockSkew(secondsAhead: 3600, allowance: 300)) {
            try Fixtures.check(envelope.jsonBytes(), now: Timestamp.parse(Fixtures.createdAt)! - 3600)
        }
        #expect(ProtocolError.clockSkew(secondsAhead: 1, allowance: 0).isRetryable)
    }

    @Test func anOversizeEnvelopeIsRefusedBeforeParsing() {
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: Limits.maxEnvelopeBytes + 1)
        #expect(throws: ProtocolError.tooLarge(what: "envelope", size: huge.count, limit: Limits.maxEnvelopeBytes)) {
            try Envelope.decode(json: huge)
        }
    }

    @Test func anUnknownVersionIsNegotiatedNotMalformed() throws {
        var text = String(decoding: try Fixtures.envelope().jsonBytes(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"protocol_version\":1", with: "\"protocol_version\":2")
        #expect(throws: ProtocolError.unsupportedVersion(2, supported: [1])) { try Envelope.decode(json: Array(text.utf8)) }
        let problem = Problem(.unsupportedVersion(2, supported: [1]))
        #expect(problem.supportedVersions == [1])
        #expect(problem.type == "urn:llnc:problem:unsupported-version")
    }

    @Test func anUnknownFieldIsRefused() throws {
        var text = String(decoding: try Fixtures.envelope().jsonBytes(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"ciphertext\":", with: "\"comment\":\"x\",\"ciphertext\":")
        #expect(throws: ProtocolError.malformed(field: "comment", reason: "is not a field of protocol v1")) {
            try Envelope.decode(json: Array(text.utf8))
        }
    }

    /// Property: random payloads (random cells, statuses, breakdowns, sizes) survive
    /// seal → JSON → decode → verify → open unchanged.
    @Test func randomPayloadsRoundTrip() throws {
        var rng = SplitMix64(seed: 2025)
        for round in 0..<60 {
            let cells = (0..<Int.random(in: 0...40, using: &rng)).map { i in randomCell(i, &rng) }
            let payload = Fixtures.payload(
                submissionID: UUID(uuid: randomUUID(&rng)).uuidString.lowercased(), sequence: UInt64(round + 1), cells: cells)
            let envelope = try Envelope.seal(payload, createdAt: Fixtures.createdAt, siteKey: Fixtures.siteKey, hubKey: Fixtures.hubKey)
            guard case .fresh(_, let opened) = try Fixtures.check(envelope.jsonBytes()) else {
                Issue.record("round \(round) was not fresh")
                return
            }
            #expect(opened == payload, "round \(round)")
        }
    }

    private func randomCell(_ i: Int, _ rng: inout SplitMix64) -> Cell {
        let dims = ["age_band", "sex", "region", "placement_type"]
        var breakdown: [String: String] = [:]
        for d in dims.shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng)) {
            breakdown[d] = ["Total", "a1", "0-1", "e12000002"].randomElement(using: &rng)!
        }
        breakdown["n"] = String(i)
        let shown = Bool.random(using: &rng)
        let value =
            Bool.random(using: &rng)
            ? String(Int.random(in: 10...99_999, using: &rng)) : "\(Int.random(in: 0...99, using: &rng)).\(Int.random(in: 1...9, using: &rng))"
        return Cell(
            indicator: "ind_\(Int.random(in: 0...20, using: &rng))", definitionVersion: Int.random(in: 1...3, using: &rng),
            period: "2024-25", breakdown: breakdown, unit: Cell.Unit.allCases.randomElement(using: &rng)!,
            status: shown ? .published : .suppressed, value: shown ? value : nil, symbol: shown ? nil : .confidential,
            reason: shown ? nil : "primary:threshold")
    }

    private func randomUUID(_ rng: inout SplitMix64) -> uuid_t {
        var b = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
        b[6] = (b[6] & 0x0f) | 0x40
        b[8] = (b[8] & 0x3f) | 0x80
        return (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])
    }
}
