import Foundation
import GRDB
import Testing

@testable import LLNCNode

/// Each kind of bad row gives its own error, pointing at the line and column, and a file
/// with errors leaves the store exactly as it was.
@Suite(.timeLimit(.minutes(10)))
struct ValidationTests {
    struct BadRow: Sendable, CustomStringConvertible {
        let dataset: String
        let text: String
        let line: Int?
        let column: String?
        let reason: IngestIssue.Reason
        var rule: String? = nil
        var description: String { "\(dataset): \(rule ?? reason.rawValue)" }
    }

    static let episodesHeader = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC"
    static let cases: [BadRow] = [
        BadRow(
            dataset: "903-episodes", text: "C1,01/05/2023,S,C2,N1,U1,PR1,,\nC2,01/05/2023,S,C2,N1,U1,PR1,,", line: 1, column: nil,
            reason: .missingHeader),
        BadRow(
            dataset: "903-episodes", text: "CHILD,DECOM,RNE,LS,CIN,PLACE,DEC,REC\nC1,01/05/2023,S,C2,N1,U1,,",
            line: 1, column: "PLACE_PROVIDER", reason: .missingColumn),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\nC1,01/05/2023,S,C2,N1,U1,PR1,,,extra", line: 2, column: nil, reason: .wrongFieldCount),
        BadRow(dataset: "903-episodes", text: "\(episodesHeader)\nC1,2023-05-01,S,C2,N1,U1,PR1,,", line: 2, column: "DECOM", reason: .badDate),
        BadRow(dataset: "903-episodes", text: "\(episodesHeader)\nC1,31/02/2023,S,C2,N1,U1,PR1,,", line: 2, column: "DECOM", reason: .badDate),
        BadRow(dataset: "903-episodes", text: "\(episodesHeader)\n,01/05/2023,S,C2,N1,U1,PR1,,", line: 2, column: "CHILD", reason: .missingValue),
        BadRow(dataset: "903-episodes", text: "\(episodesHeader)\nC1,01/05/2023,S,C2,N1,Q9,PR1,,", line: 2, column: "PLACE", reason: .badCode),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\nC1,01/05/2023,S,C2,N1,U1,PR1,01/04/2023,E11", line: 2, column: "DEC",
            reason: .ruleBroken, rule: "903.dec-after-decom"),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\nC1,01/05/2023,S,C2,N1,U1,PR1,01/06/2023,", line: 2, column: "REC",
            reason: .ruleBroken, rule: "903.dec-rec"),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\nC1,01/05/2023,S,C2,N1,U1,PR1,,\nC1,01/06/2023,P,C2,N1,U2,PR1,,",
            line: 3, column: "DECOM", reason: .ruleBroken, rule: "903.episodes-overlap"),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\nC1,01/05/2023,S,C2,N1,U1,,,", line: 2, column: "PLACE_PROVIDER",
            reason: .ruleBroken, rule: "903.provider-needed"),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader),HOME_POST\nC1,01/05/2023,S,C2,N1,U1,PR1,,,NOWHERE", line: 2, column: "HOME_POST",
            reason: .badPostcode),
        BadRow(
            dataset: "903-header", text: "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\nC1,1,01/01/2010,WBRI,12345,", line: 2, column: "UPN",
            reason: .badIdentifier),
        BadRow(
            dataset: "903-header", text: "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\nC1,1,01/01/2010,WBRI,UN1,1", line: 2, column: "MOTHER",
            reason: .ruleBroken, rule: "903.mother-sex"),
        BadRow(
            dataset: "903-header", text: "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\nC1,1,01/01/2010,WBRI,UN1,\nC1,1,01/01/2010,WBRI,UN1,",
            line: 3, column: "CHILD", reason: .ruleBroken, rule: "903.header-unique"),
        BadRow(
            dataset: "903-oc3", text: "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nC1,01/01/2012,YES,F1,B1", line: 2, column: "DOB",
            reason: .ruleBroken, rule: "903.oc3-age"),
        BadRow(
            dataset: "cin-details",
            text:
                "LAchildID,CINdetailsID,CINreferralDate,ReferralSource,PrimaryNeedCode,CINclosureDate,ReasonForClosure,ReferralNFA\nC1,1,01/05/2023,1A,N1,01/06/2023,RC0,0",
            line: 2, column: "ReasonForClosure", reason: .badCode),
        BadRow(
            dataset: "cin-assessments",
            text: "LAchildID,CINdetailsID,AssessmentActualStartDate,AssessmentAuthorisationDate,AssessmentFactors\nC1,1,01/05/2023,,\"2A,99Z\"",
            line: 2, column: "AssessmentFactors", reason: .badCode),
        BadRow(
            dataset: "cin-cp-plans",
            text: "LAchildID,CINdetailsID,CPPstartDate,CPPendDate,InitialCategoryOfAbuse,LatestCategoryOfAbuse\nC1,1,01/05/2023,01/04/2023,NEG,",
            line: 2, column: "CPPendDate", reason: .ruleBroken, rule: "cin.cpp-order"),
        BadRow(
            dataset: "eyfsp",
            text: "CHILD,UPN,SEX,DOB," + DatasetLayout.earlyLearningGoals.joined(separator: ",") + "\n,UN1,1,01/01/2019"
                + String(repeating: ",2", count: 17),
            line: 2, column: "CHILD", reason: .noIdentity),
        BadRow(
            dataset: "eyfsp",
            text: "CHILD,SEX,DOB," + DatasetLayout.earlyLearningGoals.joined(separator: ",") + "\nC1,1,01/01/2019"
                + String(repeating: ",3", count: 17),
            line: 2, column: "ELG01", reason: .badCode),
        BadRow(
            dataset: "funded-2yo", text: "DOB,ELIGIBLE,TAKEN_UP\n10/05/2021,0,1", line: 2, column: "TAKEN_UP", reason: .ruleBroken,
            rule: "ey.taken-up-eligible"),
        BadRow(
            dataset: "asq3-review",
            text: "DOB,REVIEW_DATE,COMMUNICATION,GROSS_MOTOR,FINE_MOTOR,PROBLEM_SOLVING,PERSONAL_SOCIAL\n01/01/2020,01/06/2023,A,A,A,A,A",
            line: 2, column: "REVIEW_DATE", reason: .ruleBroken, rule: "ey.review-age"),
        BadRow(
            dataset: "care-leaver-contacts", text: "CHILD,DOB,CONTACT_DATE,IN_TOUCH,ACTIV,ACCOM\nC1,01/01/1990,01/06/2023,YES,F1,B1", line: 2,
            column: "DOB",
            reason: .ruleBroken, rule: "cl.age"),
        BadRow(dataset: "ons-population", text: "LA,AGE,SEX,POPULATION\n353,120,1,5", line: 2, column: "AGE", reason: .outOfRange),
        BadRow(dataset: "placement-costs", text: "PLACE,PLACE_PROVIDER,WEEKLY_COST\nU1,PR1,lots", line: 2, column: "WEEKLY_COST", reason: .badNumber),
        BadRow(
            dataset: "survey", text: "RESPONSE_ID,SURVEY,QUESTION,ANSWER\nR1,s,\(String(repeating: "q", count: 41)),yes", line: 2, column: "QUESTION",
            reason: .tooLong),
        // A hidden character would give the child a second pseudonym and silently break linkage.
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\n\u{FEFF}123456,01/05/2023,S,C2,N1,U1,PR1,,", line: 2, column: "CHILD",
            reason: .invisibleCharacter),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\n12\u{0}3456,01/05/2023,S,C2,N1,U1,PR1,,", line: 2, column: "CHILD",
            reason: .invisibleCharacter),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\n123\u{200B}456,01/05/2023,S,C2,N1,U1,PR1,,", line: 2, column: "CHILD",
            reason: .invisibleCharacter),
        BadRow(
            dataset: "903-episodes", text: "\(episodesHeader)\nC1,01/05/2023,S,C2,N1,U1\u{7},PR1,,", line: 2, column: "PLACE",
            reason: .invisibleCharacter),
    ]

    @Test func freeTextKeepsLineBreaksButNotOtherControls() {
        #expect(FieldParser.invisibleCharacter(in: "first line\nsecond\tline", freeText: true) == nil)
        #expect(FieldParser.invisibleCharacter(in: "first line\nsecond", freeText: false) == 11)
        #expect(FieldParser.invisibleCharacter(in: "nul\u{0} here", freeText: true) == 4)
        #expect(FieldParser.invisibleCharacter(in: "café, naïve – ok", freeText: false) == nil)
    }

    @Test func anInvisibleCharacterIsNamedWithoutEchoingTheValue() throws {
        let text = "\(Self.episodesHeader)\n\u{FEFF}987654,01/05/2023,S,C2,N1,U1,PR1,,"
        let issue = try #require(try Fixture.issues(.ssda903Episodes, text).first)
        #expect(issue.message.contains("at character 1"))
        #expect(!issue.description.contains("987654"))
    }

    @Test(arguments: cases)
    func badRowGivesItsError(_ bad: BadRow) throws {
        let layout = try #require(DatasetLayout.named(bad.dataset))
        let issues = try Fixture.issues(layout, bad.text)
        let issue = try #require(issues.first)
        #expect(issue.file == "extract.csv")
        #expect(issue.line == bad.line)
        #expect(issue.column == bad.column)
        #expect(issue.reason == bad.reason)
        #expect(issue.rule == bad.rule)
        #expect(!issue.fix.isEmpty)
    }

    @Test func codesAreCheckedAgainstTheCollectionYearsList() throws {
        let text = "\(Self.episodesHeader)\nC1,01/05/2023,S,C2,N1,K3,PR1,,"
        #expect(try Fixture.issues(.ssda903Episodes, text, year: 2025).isEmpty)
        let issue = try #require(try Fixture.issues(.ssda903Episodes, text, year: 2024).first)
        #expect(issue.reason == .badCode && issue.column == "PLACE")
        #expect(issue.message.contains("valid only from 2025"))
    }

    /// A code first valid in collection year `firstYear`, as the public sources give it (see the
    /// doc comment on `CodeLists`), in a row whose dates fall in the year before.
    struct Boundary: Sendable, CustomStringConvertible {
        let dataset: String
        let column: String
        let code: String
        let firstYear: Int
        let row: @Sendable (String, Int) -> String
        var description: String { "\(code) (\(column)) from \(firstYear)" }
    }

    static let cinDetailsHeader = "LAchildID,CINdetailsID,CINreferralDate,ReferralSource,PrimaryNeedCode,CINclosureDate,ReasonForClosure,ReferralNFA"
    static let assessmentsHeader = "LAchildID,CINdetailsID,AssessmentActualStartDate,AssessmentAuthorisationDate,AssessmentFactors"
    static func factorRow(_ code: String) -> @Sendable (String, Int) -> String {
        { _, y in "\(assessmentsHeader)\nC1,1,04/05/\(y),20/06/\(y),\"2A,\(code)\"" }
    }
    static let boundaries: [Boundary] = [
        // csc-validator-be-903 lac_validator/rules/lac2024_25/rule_146.py (not lac2022_23, inherited by 2023-24)
        Boundary(dataset: "903-episodes", column: "PLACE", code: "K3", firstYear: 2025) { code, y in
            "\(episodesHeader)\nC1,01/05/\(y),S,C2,N1,\(code),PR1,,"
        },
        // liia-tools CIN_schema_2023.xsd (not CIN_schema_2022.xsd); csc-validator-be-cin cin2022_23 rule 8866
        Boundary(dataset: "cin-details", column: "ReferralSource", code: "5D", firstYear: 2023) { code, y in
            "\(cinDetailsHeader)\nC1,1,03/05/\(y),\(code),N1,,,0"
        },
        // liia-tools CIN_schema_2023.xsd (not CIN_schema_2022.xsd); csc-validator-be-cin cin2022_23 rule 8640
        Boundary(dataset: "cin-details", column: "ReasonForClosure", code: "RC9", firstYear: 2023) { code, y in
            "\(cinDetailsHeader)\nC1,1,03/05/\(y),1A,N1,30/06/\(y),\(code),0"
        },
        // liia-tools CIN_schema_2022.xsd (not CIN_schema_2021.xsd)
        Boundary(dataset: "cin-assessments", column: "AssessmentFactors", code: "24A", firstYear: 2022, row: factorRow("24A")),
        // liia-tools CIN_schema_2021.xsd (not CIN_schema_2020.xsd)
        Boundary(dataset: "cin-assessments", column: "AssessmentFactors", code: "18B", firstYear: 2021, row: factorRow("18B")),
        Boundary(dataset: "cin-assessments", column: "AssessmentFactors", code: "18C", firstYear: 2021, row: factorRow("18C")),
        Boundary(dataset: "cin-assessments", column: "AssessmentFactors", code: "19B", firstYear: 2021, row: factorRow("19B")),
        Boundary(dataset: "cin-assessments", column: "AssessmentFactors", code: "19C", firstYear: 2021, row: factorRow("19C")),
    ]

    /// Each verified boundary: the code is accepted in its first valid year and refused, as a bad
    /// code in its column, in the year before (the row's dates lie in that earlier year).
    @Test(arguments: boundaries)
    func codeIsValidFromItsFirstYear(_ b: Boundary) throws {
        let layout = try #require(DatasetLayout.named(b.dataset))
        let text = b.row(b.code, b.firstYear - 2) // dates in April-June of collection year firstYear - 1
        #expect(try Fixture.issues(layout, text, year: b.firstYear).isEmpty)
        #expect(try Fixture.issues(layout, text, year: b.firstYear + 1).isEmpty)
        let issues = try Fixture.issues(layout, text, year: b.firstYear - 1)
        let issue = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(issue.reason == .badCode && issue.column == b.column)
        #expect(issue.message.contains("valid only from \(b.firstYear)"))
    }

    /// The codes whose years the sources did not settle stay valid in every year.
    @Test func unsettledCodesHaveNoYearLimit() {
        for code in ["18A", "19A", "21", "22A", "23A"] {
            let entry = CodeLists.assessmentFactor.entry(code)
            #expect(entry?.firstYear == nil && entry?.lastYear == nil, "\(code)")
        }
    }

    @Test func aFileWithErrorsLeavesTheStoreExactlyAsItWas() throws {
        let store = try NodeStore.inMemory()
        _ = try Fixture.ingest(.ssda903Episodes, Fixture.good["903-episodes"]!, into: store)
        let before = try snapshot(store)
        let bad = Fixture.good["903-episodes"]! + "\nC3,01/05/2023,S,C2,N1,U1,PR1,01/04/2023,E11,,,,"
        #expect(throws: IngestError.self) { try Fixture.ingest(.ssda903Episodes, bad, into: store) }
        #expect(try snapshot(store) == before)
    }

    @Test func acceptValidLoadsTheValidRowsAndCountsTheRest() throws {
        let store = try NodeStore.inMemory()
        let bad = Fixture.good["903-episodes"]! + "\nC3,01/05/2023,S,C2,N1,U1,PR1,01/04/2023,E11,,,,\nC4,01/05/2023,S,C2,N9,U1,PR1,,,,,,"
        let report = try Fixture.ingest(.ssda903Episodes, bad, into: store, acceptValid: true)
        #expect(report.rowsRead == 5 && report.rowsAccepted == 3 && report.rowsRejected == 2)
        #expect(report.rejectedByReason == ["rule 903.dec-after-decom": 1, "not a valid code": 1])
        #expect(try store.rowCount(.ssda903Episodes) == 3)
        #expect(report.summary.contains("5 rows read, 3 accepted, 2 rejected"))
    }

    @Test func acceptValidStillRejectsAFileWithoutItsColumns() throws {
        let store = try NodeStore.inMemory()
        #expect(throws: IngestError.self) {
            try Fixture.ingest(.ssda903Episodes, "CHILD,DECOM\nC1,01/05/2023", into: store, acceptValid: true)
        }
        #expect(try store.rowCount(.ssda903Episodes) == 0)
    }

    private func snapshot(_ store: NodeStore) throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: "SELECT child || decom || place || COALESCE(dec, '') FROM ssda903_episode ORDER BY id")
                + String.fetchAll(db, sql: "SELECT dataset || collection_year || rows_read || ingested_at FROM ingest_batch")
        }
    }
}

extension ValidationTests {
    @Test func aRejectedFileSaysHowManyRowsWereValid() throws {
        let bad = Fixture.good["903-episodes"]! + "\nC3,01/05/2023,S,C2,N1,U1,PR1,01/04/2023,E11,,,,"
        let store = try NodeStore.inMemory()
        do {
            _ = try Fixture.ingest(.ssda903Episodes, bad, into: store)
            Issue.record("the file was accepted")
        } catch {
            guard case .rejected(let report) = error else { throw error }
            #expect(report.rowsValid == 3 && report.rowsAccepted == 0 && !report.stored)
            #expect(error.description.hasSuffix("add --accept-valid to load the 3 valid rows"))
            #expect(report.summary.hasSuffix("nothing stored: the store is as it was"))
        }
    }
}
