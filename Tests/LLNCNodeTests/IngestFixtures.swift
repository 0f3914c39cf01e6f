import Foundation

@testable import LLNCNode

/// Shared set-up for ingest tests: a fixed site secret, temporary files, an in-memory store.
enum Fixture {
    static let secret = [UInt8](repeating: 7, count: 32)
    static let pseudonymiser = try! Pseudonymiser(siteSecret: secret)

    /// Writes `text` to a fresh temporary file called `name`.
    static func file(_ name: String, _ text: String) -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-node-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url
    }

    static func ingest(
        _ layout: DatasetLayout, _ text: String, year: Int = 2024, into store: NodeStore,
        acceptValid: Bool = false, allowShrinking: Bool = false, name: String = "extract.csv"
    ) throws(IngestError) -> IngestReport {
        try DatasetIngester(
            layout: layout, year: year, pseudonymiser: pseudonymiser, acceptValid: acceptValid,
            allowShrinking: allowShrinking
        )
        .ingest(files: [file(name, text)], into: store)
    }

    /// The issues a rejected ingest reports (empty when it was accepted).
    static func issues(_ layout: DatasetLayout, _ text: String, year: Int = 2024) throws -> [IngestIssue] {
        let store = try NodeStore.inMemory()
        do {
            _ = try ingest(layout, text, year: year, into: store)
            return []
        } catch {
            guard case .rejected(let report) = error else { return [] }
            return report.issues
        }
    }

    /// A valid small file for each dataset (collection year 2024).
    static let good: [String: String] = [
        "903-header": """
        CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
        C1,1,05/06/2012,WBRI,A123456789012,,
        C2,2,01/02/2007,abAN,UN2,1,03/03/2023
        """,
        "903-episodes": """
        CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
        C1,01/05/2023,S,C2,N1,U1,PR1,10/09/2023,X1,,OL1 1AA,OL2,
        C1,10/09/2023,P,C2,N1,k2,PR2,,,CARPL,OL1 1AA,M1 1AA,SC123456
        C2,15/01/2022,S,V2,N2,P1,PR1,,,,,,
        """,
        "903-oc3": """
        CHILD,DOB,IN_TOUCH,ACTIV,ACCOM
        C9,10/10/2005,YES,F2,B1
        C8,01/04/2002,NO,G5,
        """,
        "cin-children": """
        LAchildID,UPN,PersonBirthDate,GenderCurrent,PersonDeathDate
        C1,A123456789012,05/06/2012,1,
        C3,,,0,
        """,
        "cin-details": """
        LAchildID,CINdetailsID,CINreferralDate,ReferralSource,PrimaryNeedCode,CINclosureDate,ReasonForClosure,ReferralNFA
        C1,1,03/04/2023,5D,N1,30/06/2023,RC9,0
        C1,2,01/09/2023,1A,N2,,,0
        """,
        "cin-assessments": """
        LAchildID,CINdetailsID,AssessmentActualStartDate,AssessmentAuthorisationDate,AssessmentFactors
        C1,1,04/04/2023,20/05/2023,"2A,3B"
        """,
        "cin-section47": """
        LAchildID,CINdetailsID,S47ActualStartDate,DateOfInitialCPC,ICPCnotRequired
        C1,1,05/04/2023,19/04/2023,0
        """,
        "cin-cp-plans": """
        LAchildID,CINdetailsID,CPPstartDate,CPPendDate,InitialCategoryOfAbuse,LatestCategoryOfAbuse,NumberOfPreviousCPP
        C1,1,19/04/2023,20/06/2023,NEG,EMO,0
        """,
        "eyfsp": """
        CHILD,UPN,SEX,DOB,ETHNIC,FSM,SEN,ELG01,ELG02,ELG03,ELG04,ELG05,ELG06,ELG07,ELG08,ELG09,ELG10,ELG11,ELG12,ELG13,ELG14,ELG15,ELG16,ELG17
        ,B123456789012,1,15/01/2019,WBRI,0,N,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2
        C4,,2,01/10/2018,REFU,1,K,2,1,2,2,2,2,2,2,2,2,2,2,1,1,2,2,2
        """,
        "funded-2yo": """
        CHILD,UPN,DOB,ELIGIBLE,TAKEN_UP
        ,,10/05/2021,1,1
        C5,,10/05/2021,1,0
        """,
        "asq3-review": """
        CHILD,UPN,SEX,DOB,REVIEW_DATE,COMMUNICATION,GROSS_MOTOR,FINE_MOTOR,PROBLEM_SOLVING,PERSONAL_SOCIAL
        C6,,1,01/01/2022,15/02/2024,A,A,A,A,A
        ,,2,01/06/2021,01/08/2023,M,A,B,A,X
        """,
        "care-leaver-contacts": """
        CHILD,DOB,CONTACT_DATE,IN_TOUCH,ACTIV,ACCOM,STAYING_PUT,HOMELESS,CUSTODY,MISSING
        C7,01/01/2000,10/10/2023,YES,F5,C1,0,0,0,0
        C7,01/01/2000,10/02/2024,NO,,,,,,
        """,
        "ons-population": """
        LA,AGE,SEX,POPULATION
        353,0,1,1800
        353,0,2,1750
        """,
        "placement-costs": """
        CHILD,PLACE,PLACE_PROVIDER,WEEKLY_COST,START_DATE,END_DATE
        C1,U1,PR1,£512.40,01/05/2023,10/09/2023
        ,K2,PR3,"5,120",,
        """,
        "survey": """
        RESPONSE_ID,CHILD,SURVEY,QUESTION,ANSWER,FREE_TEXT
        R1,C1,voice-2024,Q1,agree,"I like my carer, she listens"
        R1,C1,voice-2024,Q2,disagree,
        """,
    ]
}
