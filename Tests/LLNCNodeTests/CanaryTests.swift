import Foundation
import GRDB
import Testing

@testable import LLNCNode

/// No error message, summary or stored column ever carries a raw identifier or a date of
/// birth: a canary site is corrupted in every way the validator knows, ingested, and all its
/// output scanned for the canaries.
@Suite(.timeLimit(.minutes(10)))
struct CanaryTests {
    static let markers = [SyntheticSiteSpec.canaryChildPrefix, SyntheticSiteSpec.canaryUPNPrefix]

    /// Breaks some rows of `text`: an id in every column, an overlong id, an extra field,
    /// a repeated row.
    static func corrupt(_ text: String) -> String {
        var lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard lines.count > 5 else { return text }
        let id = lines[1].components(separatedBy: ",")[0]
        lines[1] = lines[1].components(separatedBy: ",").map { _ in id }.joined(separator: ",")
        var second = lines[2].components(separatedBy: ",")
        second[0] = SyntheticSiteSpec.canaryChildPrefix + String(repeating: "9", count: 50)
        lines[2] = second.joined(separator: ",")
        lines[3] += ",\(id)"
        lines.append(lines[4])
        return lines.joined(separator: "\r\n")
    }

    @Test func noIdentifierOrBirthDateLeavesInAnyMessage() throws {
        let spec = SyntheticSiteSpec(site: 815, children: 6_000, years: 1, lastYear: 2024, seed: 7, canaries: true)
        let (_, files) = try SyntheticSiteTests.generate(spec)
        let store = try NodeStore.inMemory()
        let scratch = try NodeStore.inMemory()
        var output: [String] = []
        var rejected = 0
        for file in files {
            let text = try String(contentsOf: file.url, encoding: .utf8)
            #expect(text.contains(SyntheticSiteSpec.canaryChildPrefix) || !text.contains("CHILD"))
            let broken = file.url.deletingLastPathComponent().appendingPathComponent("broken-\(file.dataset).csv")
            try Data(Self.corrupt(text).utf8).write(to: broken)
            let clean = DatasetIngester(layout: DatasetLayout.named(file.dataset)!, year: file.year, pseudonymiser: Fixture.pseudonymiser)
            output.append(try clean.ingest(files: [file.url], into: store).summary)
            for acceptValid in [false, true] {
                let ingester = DatasetIngester(
                    layout: DatasetLayout.named(file.dataset)!, year: file.year,
                    pseudonymiser: Fixture.pseudonymiser, acceptValid: acceptValid)
                do {
                    let report = try ingester.ingest(files: [broken], into: scratch)
                    output += report.issues.map(\.description) + [report.summary]
                } catch {
                    rejected += 1
                    output.append(String(describing: error))
                    if case .rejected(let report) = error { output += report.issues.map(\.description) + [report.summary] }
                }
            }
        }
        #expect(rejected >= 12, "corrupted files were rejected")
        #expect(output.count > 100)
        for line in output {
            for marker in Self.markers { #expect(!line.contains(marker), "\(line)") }
            #expect(line.range(of: #"[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"#, options: .regularExpression) == nil, "\(line)")
        }
        try expectStoreHoldsNoCanaries(store)
    }

    // A corrupted row can put an id anywhere (a misaligned column); validation rejects it
    // when the column's kind cannot hold it, but a free-text or reference column can.
    // Those rows are the analyst's to fix; the scan above covers the clean extracts.

    /// Every text column of every table: pseudonyms, codes and months, never a canary (survey
    /// free text, which stays in the store, is the one place a planted phrase may sit).
    private func expectStoreHoldsNoCanaries(_ store: NodeStore) throws {
        try store.read { db in
            for layout in DatasetLayout.all {
                for column in try db.columns(in: layout.table).map(\.name) where column != "free_text" {
                    let hits =
                        try Int.fetchOne(
                            db,
                            sql: """
                                SELECT COUNT(*) FROM \(layout.table) WHERE CAST(\(column) AS TEXT) LIKE '%CANARY%'
                                OR CAST(\(column) AS TEXT) LIKE 'Z999%'
                                """) ?? 0
                    #expect(hits == 0, "\(layout.table).\(column)")
                }
                #expect(
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(layout.table)")! > 0 || layout.name == "903-oc3",
                    "\(layout.table) loaded")
            }
            let freeText = try String.fetchAll(db, sql: "SELECT free_text FROM survey_response WHERE free_text IS NOT NULL")
            #expect(freeText.allSatisfy { $0.contains(SyntheticSiteSpec.canaryFreeText) })
            #expect(try db.columns(in: "survey_answer").map(\.name).contains("free_text") == false)
        }
    }
}
