import LLNCComparison
import Testing

/// Confidence intervals against values computed by hand from the formulas and against
/// published tables (exact Poisson limits; Wilson's 0 of 10).
@Suite(.timeLimit(.minutes(10)))
struct IntervalsTests {
    @Test(arguments: [
        (30.0, 150.0, 14.384081582, 27.114133080),
        (100, 1000, 8.290944359, 12.015196320),
        (81, 263, 25.528851988, 36.620957698),
        // Wilson 0/10: [0, 27.75%], the textbook case where the normal interval fails.
        (0, 10, 0, 27.753279986),
    ])
    func wilsonScoreInterval(x: Double, n: Double, lower: Double, upper: Double) throws {
        let w = try #require(Intervals.wilson(numerator: x, denominator: n))
        #expect(abs(100 * w.lower - lower) < 1e-6)
        #expect(abs(100 * w.upper - upper) < 1e-6)
    }

    @Test func wilsonRefusesImpossibleProportions() {
        #expect(Intervals.wilson(numerator: 5, denominator: 0) == nil)
        #expect(Intervals.wilson(numerator: 11, denominator: 10) == nil)
    }

    /// Exact limits from the chi-squared quantiles: χ²(0.025, 2O)/2 and χ²(0.975, 2O+2)/2.
    @Test(arguments: [
        (0.0, 0.0, 3.688879454),
        (1, 0.025317808, 5.571643391),
        (5, 1.623486390, 11.668332079),
        (9, 4.115373097, 17.084803451),
    ])
    func exactPoissonBelowTen(count: Double, lower: Double, upper: Double) throws {
        let p = try #require(Intervals.poisson(count: count))
        #expect(p.method == .exactPoisson)
        #expect(abs(p.lower - lower) < 1e-6)
        #expect(abs(p.upper - upper) < 1e-6)
    }

    /// Byar: O(1 − 1/9O − z/3√O)³ and (O+1)(1 − 1/9(O+1) + z/3√(O+1))³. At 10 it is within
    /// 0.2% of the exact [4.795, 18.390].
    @Test(arguments: [
        (10.0, 4.787449914, 18.391458606),
        (100, 81.362105491, 121.627937579),
        (500, 457.127820708, 545.809875851),
    ])
    func byarFromTen(count: Double, lower: Double, upper: Double) throws {
        let p = try #require(Intervals.poisson(count: count))
        #expect(p.method == .byar)
        #expect(abs(p.lower - lower) < 1e-6)
        #expect(abs(p.upper - upper) < 1e-6)
    }
}
