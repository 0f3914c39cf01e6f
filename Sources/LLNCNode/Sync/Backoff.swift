/// How long the outbox waits before retrying a hub it could not reach: capped exponential
/// backoff with full jitter, so many nodes that lost the hub at the same moment do not all
/// come back at the same moment.
///
/// With the defaults (base 2 s, cap 15 min) the upper bounds of the delays are 2, 4, 8, 16,
/// 32, 64, 128, 256, 512 s, then 900 s for every later attempt; each actual delay is drawn
/// uniformly from [bound / 2, bound].
public struct Backoff: Sendable, Equatable {
    public var base: Double
    public var cap: Double

    public init(base: Double = 2, cap: Double = 900) {
        self.base = base
        self.cap = cap
    }

    /// The upper bound for retry `attempt` (0 is the first retry).
    public func bound(attempt: Int) -> Double {
        min(cap, base * Double(1 << min(max(attempt, 0), 40)))
    }

    /// The delay in seconds before retry `attempt`, with jitter from `random`.
    public func delay(attempt: Int, using random: inout some RandomNumberGenerator) -> Double {
        let upper = bound(attempt: attempt)
        return Double.random(in: (upper / 2)...upper, using: &random)
    }
}
