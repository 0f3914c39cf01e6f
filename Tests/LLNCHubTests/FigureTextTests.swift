import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

@Suite(.timeLimit(.minutes(10)))
struct FigureTextTests {
    @Test(arguments: [
        (520.0, "count", "520"), (21.0, "percentage", "21.0"), (18.94, "percentage", "18.9"), (18.96, "percentage", "19.0"),
        (-0.04, "percentage", "0.0"), (-0.36, "percentage", "-0.4"), (812.456, "gbp_per_week", "812.46"), (75.25, "rate_per_10000", "75.3"),
        (0.05, "percentage", "0.1"),
    ])
    func figuresAreWrittenToTheirUnitsPlaces(value: Double, unit: String, text: String) {
        #expect(FigureText.format(value, unit: .init(rawValue: unit)!) == text)
    }
}
