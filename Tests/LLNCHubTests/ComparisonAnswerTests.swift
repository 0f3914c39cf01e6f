import Foundation
import LLNCComparison
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The comparison route splices the stored document into its answer instead of decoding and
/// re-encoding it; the bytes must be exactly those of encoding the answer.
@Suite(.timeLimit(.minutes(10))) struct ComparisonAnswerTests {
    @Test(arguments: [false, true])
    func theSplicedAnswerIsByteForByteTheEncodedAnswer(synthetic: Bool) throws {
        let comparison = Comparison(
            indicator: "cin_rereferrals_within_12_months", definitionVersion: 1, period: "2024-25",
            breakdown: ["sex": "female"], unit: .percentage, polarity: .lowerIsBetter,
            england: Aggregate(
                geography: .national, code: "E92000001", name: "England", method: .pooledRatio, status: .interval,
                bounds: Bounds(lower: 0, upper: 100),
                completeness: Completeness(expected: 4, reported: 4, shown: 3, suppressed: 1, unavailable: 0)),
            regions: [],
            sites: [SiteFigure(laNumber: "353", name: "Oldham", regionCode: "E12000002", status: .published, value: 20.5)])
        let stored = try PublishedJSON.bytes(comparison)
        let spliced = try ComparisonAnswer.bytes(releaseID: "2024-25.1", synthetic: synthetic, storedComparison: stored)
        let encoded = try PublishedJSON.bytes(ComparisonAnswer(releaseID: "2024-25.1", synthetic: synthetic, comparison: comparison))
        #expect(spliced == encoded)
        #expect(try JSONSerialization.jsonObject(with: Data(spliced)) is [String: Any])
    }
}
