import Foundation
import GRDB
import Testing

@testable import LLNCNode

/// Every dataset: its good file loads whole, and re-ingesting a year replaces it.
@Suite(.timeLimit(.minutes(10)))
struct DatasetIngestTests {
    @Test(arguments: DatasetLayout.all.map(\.name))
    func goodFileLoadsEveryRow(dataset: String) throws {
        let layout = try #require(DatasetLayout.named(dataset))
        let text = try #require(Fixture.good[dataset], "no good fixture for \(dataset)")
        let store = try NodeStore.inMemory()
        let report = try Fixture.ingest(layout, text, into: store)
        let rows = text.split(separator: "\n").count - 1
        #expect(report.issues.isEmpty)
        #expect(report.rowsRead == rows && report.rowsAccepted == rows && report.stored)
        #expect(try store.rowCount(layout, year: 2024) == rows)
    }

    @Test(arguments: DatasetLayout.all.map(\.name))
    func aBadFileLeavesTheStoreExactlyAsItWas(dataset: String) throws {
        let layout = try #require(DatasetLayout.named(dataset))
        let good = try #require(Fixture.good[dataset])
        let store = try NodeStore.inMemory()
        _ = try Fixture.ingest(layout, good, into: store)
        let before = try snapshot(store, layout)
        let bad = good + "\n" + String(repeating: ",", count: layout.columns.count + 3) + "x"
        #expect(throws: IngestError.self) { try Fixture.ingest(layout, bad, into: store) }
        #expect(try snapshot(store, layout) == before)
    }

    @Test(arguments: DatasetLayout.all.map(\.name))
    func reingestingAYearReplacesIt(dataset: String) throws {
        let layout = try #require(DatasetLayout.named(dataset))
        let good = try #require(Fixture.good[dataset])
        let store = try NodeStore.inMemory()
        let rows = good.split(separator: "\n").count - 1
        _ = try Fixture.ingest(layout, good, into: store)
        let fewer = good.split(separator: "\n").dropLast().joined(separator: "\n")
        // Some fixtures hold one row, so dropping it would be refused as a shrink without the word.
        let report = try Fixture.ingest(layout, fewer, into: store, allowShrinking: NodeStore.replacementShrinks(stored: rows, new: rows - 1))
        #expect(report.replacedRows == rows)
        #expect(try store.rowCount(layout, year: 2024) == rows - 1)
    }

    /// The rules across a child's rows run in the store over what the streaming pass
    /// inserted: an overlap between rows thousands of lines apart, or in two files of one
    /// load, is found and named by its file and line; with --accept-valid only that row goes.
    @Test func anOverlapBetweenRowsFarApartOrInTwoFilesIsFound() throws {
        let header = ValidationTests.episodesHeader
        let filler = (1...3000).map { "F\($0),01/05/2023,S,C2,N1,U1,PR1,," }.joined(separator: "\n")
        let first = Fixture.file("a.csv", "\(header)\nC1,01/05/2023,S,C2,N1,U1,PR1,,\n\(filler)")
        let second = Fixture.file("b.csv", "\(header)\nC9,01/05/2023,S,C2,N1,U1,PR1,,\nC1,01/06/2023,P,C2,N1,U2,PR1,,")
        let store = try NodeStore.inMemory()
        let strict = DatasetIngester(layout: .ssda903Episodes, year: 2024, pseudonymiser: Fixture.pseudonymiser)
        #expect {
            try strict.ingest(files: [first, second], into: store)
        } throws: { error in
            guard case IngestError.rejected(let report) = error else { return false }
            return report.issues.map { "\($0.file):\($0.line ?? 0):\($0.rule ?? "")" } == ["b.csv:3:903.episodes-overlap"]
                && report.rowsValid == 3002 && report.rowsRejected == 1
        }
        #expect(try store.rowCount(.ssda903Episodes) == 0, "a rejected load leaves nothing")
        let lenient = DatasetIngester(layout: .ssda903Episodes, year: 2024, pseudonymiser: Fixture.pseudonymiser, acceptValid: true)
        let report = try lenient.ingest(files: [first, second], into: store)
        #expect(report.rowsAccepted == 3002 && report.rowsRejected == 1)
        #expect(try store.rowCount(.ssda903Episodes, year: 2024) == 3002)
    }

    /// A dataset whose table also has a UNIQUE constraint (ONS estimates, survey answers): a
    /// repeated row is the file rule's break, with its line, not a store failure, and
    /// --accept-valid loads the others.
    @Test func aRepeatTheTableWouldRefuseIsReportedAsTheRulesBreak() throws {
        let text = "LA,AGE,SEX,POPULATION\n353,0,1,1800\n353,0,2,1750\n353,0,1,1801"
        let store = try NodeStore.inMemory()
        #expect {
            try Fixture.ingest(.onsPopulation, text, into: store)
        } throws: { error in
            guard case IngestError.rejected(let report) = error else { return false }
            return report.issues.map { "\($0.line ?? 0):\($0.rule ?? "")" } == ["4:ons.unique"]
        }
        let report = try Fixture.ingest(.onsPopulation, text, into: store, acceptValid: true)
        #expect(report.rowsAccepted == 2 && report.rowsRejected == 1)
        #expect(try store.rowCount(.onsPopulation, year: 2024) == 2)
    }

    /// A file of ten thousand bad rows and more costs no more memory for its problems: the
    /// first 10,000 are kept in full, every one is counted.
    @Test func theProblemsOfAHugeBadFileAreCountedNotAllKept() throws {
        let rows = (1...(IssueList.limit + 50)).map { "C\($0),2023-05-01,S,C2,N1,U1,PR1,," }.joined(separator: "\n")
        let store = try NodeStore.inMemory()
        #expect {
            try Fixture.ingest(.ssda903Episodes, "\(ValidationTests.episodesHeader)\n\(rows)", into: store)
        } throws: { error in
            guard case IngestError.rejected(let report) = error else { return false }
            return report.issues.count == IssueList.limit && report.issueCount == IssueList.limit + 50
                && report.rejectedByReason["not a date"] == IssueList.limit + 50 && "\(error)".contains("\(IssueList.limit + 50) problems")
        }
    }

    @Test func aHeaderOnlyFileDoesNotWipeAYear() throws {
        let store = try NodeStore.inMemory()
        let layout = DatasetLayout.ssda903Episodes
        let good = try #require(Fixture.good[layout.name])
        _ = try Fixture.ingest(layout, good, into: store)
        let before = try snapshot(store, layout)
        let rowsBefore = try store.rowCount(layout, year: 2024)
        let headerOnly = String(good.split(separator: "\n")[0])
        #expect {
            try Fixture.ingest(layout, headerOnly, into: store)
        } throws: { error in
            guard case IngestError.wouldShrink(_, 2024, let stored, 0) = error else { return false }
            return stored == rowsBefore && "\(error)".contains("--replace-with-fewer")
        }
        #expect(try snapshot(store, layout) == before)
    }

    @Test(arguments: [(stored: 0, new: 0, shrinks: false), (10, 0, true), (10, 4, true), (10, 5, false), (10, 9, false), (1, 0, true)])
    func aReplacementUnderHalfTheYearNeedsTheAnalystsWord(stored: Int, new: Int, shrinks: Bool) {
        #expect(NodeStore.replacementShrinks(stored: stored, new: new) == shrinks)
    }

    @Test func replacingWithFewerRowsGoesAheadWhenAskedFor() throws {
        let store = try NodeStore.inMemory()
        let layout = DatasetLayout.ssda903Episodes
        let good = try #require(Fixture.good[layout.name])
        _ = try Fixture.ingest(layout, good, into: store)
        let ingester = DatasetIngester(layout: layout, year: 2024, pseudonymiser: Fixture.pseudonymiser, allowShrinking: true)
        let report = try ingester.ingest(files: [Fixture.file("extract.csv", String(good.split(separator: "\n")[0]))], into: store)
        #expect(report.stored && report.rowsAccepted == 0)
        #expect(try store.rowCount(layout, year: 2024) == 0)
    }

    /// The audit entry is written in the data's own transaction: when it cannot be written
    /// (here a trigger refuses it, as a crash between the two would), no row lands either.
    @Test func anIngestNeverLandsWithoutItsAuditEntry() throws {
        let store = try NodeStore.inMemory()
        let layout = DatasetLayout.ssda903Episodes
        let good = try #require(Fixture.good[layout.name])
        try store.writer.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entry BEGIN SELECT RAISE(ABORT, 'audit refused'); END")
        }
        #expect(throws: IngestError.self) { try Fixture.ingest(layout, good, into: store) }
        #expect(try store.rowCount(layout, year: 2024) == 0)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_batch") } == 0)
    }

    /// Every row of the dataset's table and of the batch tables, as text.
    private func snapshot(_ store: NodeStore, _ layout: DatasetLayout) throws -> [String] {
        try store.read { db in
            try
                (Row.fetchAll(db, sql: "SELECT * FROM \(layout.table) ORDER BY id")
                + Row.fetchAll(db, sql: "SELECT * FROM ingest_batch ORDER BY id")
                + Row.fetchAll(db, sql: "SELECT * FROM ingest_rejection ORDER BY batch_id, reason")).map(\.description)
        }
    }

    @Test func everyLayoutStoresIntoColumnsItsTableHas() throws {
        let store = try NodeStore.inMemory()
        for layout in DatasetLayout.all {
            let columns = try store.read { db in try db.columns(in: layout.table).map(\.name) }
            let expected = ["id", "batch_id", "collection_year", "source_line"] + layout.storedColumns
            #expect(columns == expected, "\(layout.table)")
        }
    }

    @Test func reingestingAYearReplacesItAndLeavesOtherYears() throws {
        let store = try NodeStore.inMemory()
        let layout = DatasetLayout.ssda903Episodes
        let twoRows = """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC
            A,01/05/2022,S,C2,N1,U1,PR1,,
            B,01/06/2022,S,C2,N1,U1,PR1,,
            """
        _ = try Fixture.ingest(layout, twoRows, year: 2023, into: store)
        _ = try Fixture.ingest(layout, twoRows, year: 2024, into: store)
        let oneRow = """
            CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC
            A,01/05/2022,S,C2,N1,U1,PR1,,
            """
        let report = try Fixture.ingest(layout, oneRow, year: 2024, into: store)
        #expect(report.replacedRows == 2)
        #expect(try store.rowCount(layout, year: 2024) == 1)
        #expect(try store.rowCount(layout, year: 2023) == 2)
        let batches = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM ingest_batch") }
        #expect(batches == 2)
    }

    @Test func storesPseudonymsAndMonthsNotIdentifiersOrDatesOfBirth() throws {
        let store = try NodeStore.inMemory()
        _ = try Fixture.ingest(.ssda903Header, Fixture.good["903-header"]!, into: store)
        _ = try Fixture.ingest(.ssda903Episodes, Fixture.good["903-episodes"]!, into: store)
        let header = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT child, upn, birth_month, ethnicity FROM ssda903_header ORDER BY source_line")
        }
        #expect(header[0]["child"] == Fixture.pseudonymiser.child("C1"))
        #expect(header[0]["upn"] == Fixture.pseudonymiser.upn("A123456789012"))
        #expect(header[0]["birth_month"] == "2012-06")
        #expect(header[1]["upn"] == nil as String?) // UN2: no UPN, never a link key
        #expect(header[1]["ethnicity"] == "ABAN") // codes stored in their canonical case
        let districts = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT home_district, placement_district, place FROM ssda903_episode ORDER BY source_line")
        }
        #expect(districts[1]["home_district"] == "OL1" && districts[1]["placement_district"] == "M1")
        #expect(districts[1]["place"] == "K2")
    }

    @Test func derivedColumnsFollowTheDefinitions() throws {
        let store = try NodeStore.inMemory()
        _ = try Fixture.ingest(.eyfsp, Fixture.good["eyfsp"]!, into: store)
        _ = try Fixture.ingest(.twoYearReview, Fixture.good["asq3-review"]!, into: store)
        _ = try Fixture.ingest(.ssda903OC3, Fixture.good["903-oc3"]!, into: store)
        let gld = try store.read { db in try String.fetchAll(db, sql: "SELECT gld FROM eyfsp_result ORDER BY source_line") }
        #expect(gld == ["1", "0"])
        let asq = try store.read { db in try Row.fetchAll(db, sql: "SELECT age_months, all_domains_expected FROM asq3_review ORDER BY source_line") }
        #expect(asq.map { $0["age_months"] as Int } == [25, 26])
        #expect(asq.map { $0["all_domains_expected"] as String } == ["1", "0"])
        let ages = try store.read { db in try Int.fetchAll(db, sql: "SELECT age FROM ssda903_oc3 ORDER BY source_line") }
        #expect(ages == [18, 21])
    }
}
