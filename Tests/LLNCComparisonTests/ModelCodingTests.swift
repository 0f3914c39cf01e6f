import Foundation
import LLNCComparison
import LLNCProtocol
import Testing

/// The public model is what the JSON API serves: snake_case keys, and it reads back as written.
@Suite(.timeLimit(.minutes(10)))
struct ModelCodingTests {
    @Test func aComparisonEncodesWithSnakeCaseKeysAndReadsBack() throws {
        let completeness = Completeness(expected: 3, reported: 3, shown: 2, suppressed: 1, unavailable: 0)
        let england = Aggregate(
            geography: .national, code: "E92000001", name: "England", method: .sum, status: .interval,
            bounds: Bounds(lower: 40, upper: 49), completeness: completeness)
        let site = SiteFigure(
            laNumber: "353", name: "Oldham", regionCode: "E12000002", status: .suppressed, symbol: .confidential,
            rankedAmong: 2)
        let comparison = Comparison(
            indicator: "cla_count", definitionVersion: 1, period: "2024-25", breakdown: [:], unit: .count,
            polarity: .neither, england: england, regions: [], sites: [site])
        let data = try JSONEncoder().encode(comparison)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"definition_version\""))
        #expect(text.contains("\"la_number\""))
        #expect(text.contains("\"ranked_among\""))
        #expect(try JSONDecoder().decode(Comparison.self, from: data) == comparison)
    }
}
