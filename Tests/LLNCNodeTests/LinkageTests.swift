import Foundation
import Testing

@testable import LLNCNode

/// The same child links across SSDA903, CIN, early years and care-leaver data and across
/// years; different children never link, even when they share a "no UPN" code or a UPN.
@Suite(.timeLimit(.minutes(10)))
struct LinkageTests {
    let p = Fixture.pseudonymiser

    private func loadSite() throws -> NodeStore {
        let store = try NodeStore.inMemory()
        for year in [2023, 2024] {
            _ = try Fixture.ingest(
                .ssda903Header,
                """
                CHILD,SEX,DOB,ETHNIC,UPN,MOTHER
                ANNE,2,01/09/2018,WBRI,A111111111111,0
                BEN,1,01/10/2018,WBRI,UN1,
                CARL,1,01/11/2018,WBRI,C333333333333,
                """, year: year, into: store)
        }
        _ = try Fixture.ingest(
            .cinChildren,
            """
            LAchildID,UPN,PersonBirthDate,GenderCurrent
            ANNE,A111111111111,01/09/2018,2
            DAN,UN1,01/12/2018,1
            EVE,C333333333333,01/12/2018,2
            """, year: 2024, into: store)
        let goals = DatasetLayout.earlyLearningGoals.joined(separator: ",")
        let scores = String(repeating: ",2", count: 17)
        _ = try Fixture.ingest(
            .eyfsp,
            """
            CHILD,UPN,SEX,DOB,\(goals)
            ,A111111111111,2,01/09/2018\(scores)
            ,C333333333333,1,01/11/2018\(scores)
            BEN,UN1,1,01/10/2018\(scores)
            """, year: 2024, into: store)
        _ = try Fixture.ingest(
            .careLeaverContacts,
            """
            CHILD,DOB,CONTACT_DATE,IN_TOUCH,ACTIV,ACCOM
            FRED,01/01/2003,01/05/2023,YES,F1,B1
            """, year: 2024, into: store)
        _ = try Fixture.ingest(
            .ssda903OC3,
            """
            CHILD,DOB,IN_TOUCH,ACTIV,ACCOM
            FRED,01/01/2003,YES,F1,B1
            """, year: 2021, into: store)
        return store
    }

    @Test func sameChildLinksAcrossDatasetsAndYears() throws {
        let store = try loadSite()
        #expect(
            try store.records(ofChild: p.child("ANNE")) == [
                ChildRecord(dataset: "903-header", year: 2023),
                ChildRecord(dataset: "903-header", year: 2024),
                ChildRecord(dataset: "cin-children", year: 2024),
                ChildRecord(dataset: "eyfsp", year: 2024), // linked through her UPN alone
            ])
        #expect(
            try store.records(ofChild: p.child("FRED")) == [
                ChildRecord(dataset: "903-oc3", year: 2021),
                ChildRecord(dataset: "care-leaver-contacts", year: 2024),
            ])
    }

    @Test func childrenWithoutAUPNAreNeverJoined() throws {
        let store = try loadSite()
        // BEN and DAN both have UN1 ("no UPN"): each keeps only his own records.
        #expect(try store.records(ofChild: p.child("BEN")).map(\.dataset) == ["903-header", "903-header", "eyfsp"])
        #expect(try store.records(ofChild: p.child("DAN")).map(\.dataset) == ["cin-children"])
    }

    @Test func aUPNClaimedByTwoChildrenLinksToNeither() throws {
        let store = try loadSite()
        // CARL and EVE were recorded with the same UPN: the EYFSP row for it joins nobody.
        #expect(!(try store.records(ofChild: p.child("CARL")).map(\.dataset).contains("eyfsp")))
        #expect(!(try store.records(ofChild: p.child("EVE")).map(\.dataset).contains("eyfsp")))
        #expect(try store.linkedChildCount() == 6)
    }

    @Test func pseudonymsDependOnTheSiteSecret() throws {
        let other = try Pseudonymiser(siteSecret: [UInt8](repeating: 8, count: 32))
        #expect(other.child("ANNE") != p.child("ANNE"))
        #expect(p.child("ANNE") == p.child("ANNE"))
        #expect(p.child("A111111111111") != p.upn("A111111111111"))
        #expect(p.upn("a111111111111") == p.upn("A111111111111"))
    }
}
