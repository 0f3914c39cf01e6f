import LLNCProtocol
import Testing

@testable import LLNCNode

@Suite(.timeLimit(.minutes(10)))
struct BackoffTests {
    @Test func boundsDoubleFromTheBaseUntilTheCap() {
        let backoff = Backoff(base: 2, cap: 900)
        #expect((0..<11).map { backoff.bound(attempt: $0) } == [2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900])
        #expect(backoff.bound(attempt: 10_000) == 900)
    }

    @Test func everyDelayLiesBetweenHalfTheBoundAndTheBound() {
        let backoff = Backoff()
        var random = SystemRandomNumberGenerator()
        for attempt in 0..<20 {
            let delay = backoff.delay(attempt: attempt, using: &random)
            #expect(delay >= backoff.bound(attempt: attempt) / 2 && delay <= backoff.bound(attempt: attempt))
        }
    }
}

/// How a push judges each kind of answer: only a verified `accepted` receipt delivers, only a
/// verified `rejected` receipt refuses for good, everything else leaves the envelope pending.
@Suite(.timeLimit(.minutes(10)))
struct PushSettlementTests {
    static let hub = SigningKeyPair.generate()
    static let header = EnvelopeHeader(
        site: try! SiteID(laNumber: "353", onsCode: "E08000004"), siteKeyID: SigningKeyPair.generate().keyID,
        submissionID: "0b6f3a52-5f7e-4c1e-9a57-3f7d2f1c0a01", sequence: 3, createdAt: "2025-05-01T09:30:00Z",
        hubKeyID: SealingKeyPair.generate().keyID, catalogueVersion: "2025.1", payloadDigest: [UInt8](repeating: 1, count: 32),
        payloadLength: 100)

    static func receipt(_ outcome: Receipt.Outcome, signer: SigningKeyPair = hub, for header: EnvelopeHeader = header) -> Receipt {
        Receipt.sign(
            for: header, outcome: outcome, reasonCode: outcome == .rejected ? "below-disclosure-threshold" : "",
            receivedAt: "2025-05-01T09:31:00Z", cellsStored: 0, hubSigningKey: signer)
    }

    static func problem(retryable: Bool = false) -> Problem {
        Problem(code: "below-disclosure-threshold", title: "Below", status: 422, detail: "a count of 4", retryable: retryable)
    }

    func settle(_ answer: Result<Receipt, HubClientError>) -> Push.Settlement {
        Push.settlement(of: answer, for: Self.header, hubSigningKey: Self.hub.publicKey)
    }

    @Test func aVerifiedAcceptedReceiptDelivers() {
        #expect(settle(.success(Self.receipt(.accepted))) == .delivered(Self.receipt(.accepted)))
    }

    func isRetry(_ s: Push.Settlement) -> Bool { if case .retry = s { true } else { false } }
    func isRejected(_ s: Push.Settlement) -> Bool { if case .rejected = s { true } else { false } }

    @Test func aSignedRejectedReceiptInA200DoesNotDeliver() {
        #expect(isRejected(settle(.success(Self.receipt(.rejected)))))
    }

    @Test func aReceiptSignedByAnotherKeyOrForAnotherEnvelopeSettlesNothing() {
        #expect(isRetry(settle(.success(Self.receipt(.accepted, signer: .generate())))))
        var other = Self.header
        other.sequence = 4
        #expect(isRetry(settle(.success(Self.receipt(.accepted, for: other)))))
    }

    @Test func onlyASignedRefusalIsFinal() {
        #expect(isRejected(settle(.failure(.refused(Self.problem(), receipt: Self.receipt(.rejected))))))
        #expect(isRetry(settle(.failure(.refused(Self.problem(), receipt: nil)))), "unsigned")
        #expect(isRetry(settle(.failure(.refused(Self.problem(retryable: true), receipt: Self.receipt(.rejected))))), "retryable")
        #expect(isRetry(settle(.failure(.refused(Self.problem(), receipt: Self.receipt(.rejected, signer: .generate()))))), "forged")
        #expect(isRetry(settle(.failure(.unreachable(url: "http://127.0.0.1:9/", reason: "refused")))), "unreachable")
    }
}
