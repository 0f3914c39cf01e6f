/// xoshiro256** seeded through SplitMix64: a small, fast generator whose output depends on
/// the seed alone, on every platform and Swift version, so a synthetic site is reproducible
/// byte for byte. (SystemRandomNumberGenerator is not seedable; Swift's own algorithms on
/// top of a generator, such as `Int.random(in:using:)`, may change between releases, so the
/// helpers below derive every draw from `next()` themselves.)
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform integer in `range` (multiply-shift; bias below 2^-32 for our ranges).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(((next() >> 32) * width) >> 32) // Swift: >> binds tighter than *
    }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One of `items`, chosen with the given weights.
    public mutating func pick<T>(_ items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var x = unit() * total
        for (item, weight) in items {
            x -= weight
            if x < 0 { return item }
        }
        return items[items.count - 1].0
    }

    public mutating func element<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A count with mean `mean`: the integer part plus one with the fractional probability,
    /// so small expected counts still vary from year to year.
    public mutating func count(mean: Double) -> Int {
        let jittered = mean * (0.9 + 0.2 * unit())
        let whole = Int(jittered)
        return whole + (chance(jittered - Double(whole)) ? 1 : 0)
    }
}
