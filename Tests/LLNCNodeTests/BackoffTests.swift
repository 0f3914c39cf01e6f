import Testing
@testable import LLNCNode

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
