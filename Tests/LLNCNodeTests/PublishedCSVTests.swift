import Foundation
import LLNCDisclosure
import Testing

@testable import LLNCNode

/// The tidy CSV layout of `llnc-node protect` and `attack` (node/PROTECT.md).
@Suite(.timeLimit(.minutes(10)))
struct PublishedCSVTests {
    let counts = """
        la_name,age_band,children
        Oldham,0-4,3
        Oldham,5-15,40
        Rochdale,0-4,31
        Rochdale,5-15,28
        Bolton,0-4,19
        Bolton,5-15,44

        """

    @Test func protectThenAttackShowsNoCellNarrowerThanTheRule() throws {
        var settings = ProtectSettings()
        settings.rules.roundingBase = nil
        settings.rules.aggregateRoundingBase = nil
        let table = try PublishedCSV.readCounts(Array(counts.utf8), file: "in.csv", settings: settings)
        #expect(table.cellCount == 12, "margins computed: (3 sites + Total) × (2 ages + Total)")
        let protected = try table.protected(by: settings.rules)
        let published = PublishedCSV.write(protected, valueColumn: "children")
        #expect(published.hasPrefix("la_name,age_band,children,status,reason\nTotal,Total,165,published,published\n"))
        #expect(published.contains("Oldham,0-4,c,primary,primary suppression: threshold"))

        var knowledge = AttackerKnowledge()
        try PublishedCSV.learn(Array(published.utf8), file: "out.csv", settings: settings, roundingBase: nil, into: &knowledge)
        let intervals = try Attacker.attack(knowledge)
        #expect(intervals.count == protected.primaryCount + protected.secondaryCount)
        let oldham = try #require(intervals.first { $0.label == "children; age_band=0-4; la_name=Oldham" })
        #expect(oldham.minimum <= 0 && (oldham.maximum ?? .infinity) >= 8)
    }

    @Test func aNaivelySuppressedFileIsDisclosedByTheAttack() throws {
        let naive = "la_name,children\nOldham,c\nRochdale,31\nTotal,34\n"
        var knowledge = AttackerKnowledge()
        try PublishedCSV.learn(Array(naive.utf8), file: "naive.csv", settings: ProtectSettings(), roundingBase: nil, into: &knowledge)
        #expect(try Attacker.attack(knowledge).map(\.isExact) == [true])
    }

    @Test func roundedFilesGiveIntervals() throws {
        let rounded = "la_name,children\nOldham,c\nRochdale,30\nTotal,35\n"
        var knowledge = AttackerKnowledge()
        try PublishedCSV.learn(Array(rounded.utf8), file: "r.csv", settings: ProtectSettings(), roundingBase: 5, into: &knowledge)
        let interval = try #require(try Attacker.attack(knowledge).first)
        #expect(interval.minimum == 1 && interval.maximum == 9, "33...37 minus 28...32")
    }

    @Test(arguments: [
        ("a,n\nx,3.5\n", "line 2: `3.5` in column `n` is not a whole number; give unrounded counts"),
        ("a,n\nx,3\nx,4\n", "line 3: cell (x) appears twice; keep one row per cell"),
        ("a,n\nx\n", "line 2: has 1 fields but the header has 2"),
        ("a,n\n", "line 1: no rows after the header"),
    ])
    func badRowsAreNamedByLine(text: String, message: String) {
        #expect(throws: PublishingError.self) { try PublishedCSV.readCounts(Array(text.utf8), file: "f.csv", settings: ProtectSettings()) }
        do {
            _ = try PublishedCSV.readCounts(Array(text.utf8), file: "f.csv", settings: ProtectSettings())
        } catch {
            #expect("\(error)" == "f.csv \(message)")
        }
    }

    @Test func settingsFilesKeepDefaultsAndRejectUnknownRules() throws {
        let json =
            #"{"rules": {"threshold": 5, "roundingBase": null}, "geographyColumns": ["la_name"], "hierarchies": {"la_name": {"Oldham": "North West"}}}"#
        let settings = try JSONDecoder().decode(ProtectSettings.self, from: Data(json.utf8))
        #expect(settings.rules.threshold == 5 && settings.rules.roundingBase == nil && settings.rules.aggregateRoundingBase == 10)
        let sites = try settings.dimension(named: "la_name", values: ["Oldham", "Kent"])
        #expect(sites.parent(of: "Oldham") == "North West" && sites.parent(of: "North West") == "Total" && sites.kind == .geography)
        #expect(throws: DisclosureError.self) {
            try JSONDecoder().decode(ProtectSettings.self, from: Data(#"{"rules": {"treshold": 5}}"#.utf8))
        }
    }
}
