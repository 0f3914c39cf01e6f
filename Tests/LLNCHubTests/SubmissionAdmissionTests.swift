import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// Every outcome of the one admission rule both stores and the ingest ask (SPEC.md §6 step 4,
/// §7), from the facts a store reads in its transaction.
@Suite(.timeLimit(.minutes(10)))
struct SubmissionAdmissionTests {
    static let key = HubFixture.siteKey.keyID
    static let header = try! HubFixture.envelope(sequence: 7).header
    static let active = SubmissionAdmission.Standing(status: .active, keyID: key.hex)
    static let receipt: [UInt8] = Array(#"{"outcome":"accepted"}"#.utf8)

    static func facts(
        site: SubmissionAdmission.Standing? = active, earlierDigest: [UInt8]? = nil, highest: UInt64 = 6
    ) -> SubmissionAdmission.Facts {
        .init(site: site, earlier: earlierDigest.map { .init(envelopeDigest: $0, receiptJSON: receipt) }, highestAcceptedSequence: highest)
    }

    @Test(
        arguments: [
            ("a new submission above the highest sequence", facts(), SubmissionAdmission.Decision.store),
            ("the first submission of a site", facts(highest: 0), .store),
            ("a site never enrolled", facts(site: nil), .refuse(.protocolError(.unknownSigner(keyID: key.hex)))),
            ("a revoked site", facts(site: .init(status: .revoked, keyID: key.hex)), .refuse(.siteRevoked(laNumber: "353"))),
            (
                "a key the site replaced", facts(site: .init(status: .active, keyID: HubFixture.otherKey.keyID.hex)),
                .refuse(.protocolError(.unknownSigner(keyID: key.hex)))
            ),
            ("the same envelope again", facts(earlierDigest: header.digest, highest: 7), .alreadyStored(receiptJSON: receipt)),
            (
                "the same id with other content", facts(earlierDigest: [UInt8](repeating: 0, count: 32), highest: 7),
                .refuse(.protocolError(.submissionIDReused(submissionID: header.submissionID)))
            ),
            ("a sequence equal to the highest", facts(highest: 7), .refuse(.protocolError(.sequenceRegressed(got: 7, highestAccepted: 7)))),
            ("a sequence below the highest", facts(highest: 9), .refuse(.protocolError(.sequenceRegressed(got: 7, highestAccepted: 9)))),
            (
                "a revoked site resending an accepted envelope", facts(site: .init(status: .revoked, keyID: key.hex), earlierDigest: header.digest),
                .refuse(.siteRevoked(laNumber: "353"))
            ),
        ] as [(String, SubmissionAdmission.Facts, SubmissionAdmission.Decision)])
    func admissionDecidesEveryOutcomeFromTheStoresFacts(_ what: String, facts: SubmissionAdmission.Facts, expected: SubmissionAdmission.Decision) {
        #expect(SubmissionAdmission.decide(Self.header, facts: facts) == expected, "\(what)")
    }

    @Test func aSequenceAboveTwoToTheSixtyThirdIsAMalformedHeader() throws {
        var header = Self.header
        header.sequence = UInt64.max
        #expect(throws: ProtocolError.malformed(field: "header.sequence", reason: "must be 1 to 2^63-1 (9223372036854775807)")) {
            try header.validate()
        }
        header.sequence = Limits.maxSequence
        try header.validate()
        header.payloadLength = 47
        #expect(throws: ProtocolError.malformed(field: "header.payload_length", reason: "must be at least 48 (the seal's overhead)")) {
            try header.validate()
        }
    }

    @Test func tooManyCellsIsCountedInCellsNotBytes() {
        let error = ProtocolError.tooLarge(what: "payload", size: 100_001, limit: Limits.maxCellsPerPayload, unit: "cells")
        #expect(error.description == "payload is 100001 cells, over the limit of 100000 cells; split the batch")
    }
}
