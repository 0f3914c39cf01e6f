/// The children in need census in its flat form: one file per table, keyed by LAchildID and,
/// below the child, by CINdetailsID (one episode of need).
extension DatasetLayout {
    private static let child = Column("LAchildID", .childID, stored: "child")
    private static let cinDetailsID = Column("CINdetailsID", .reference(maxLength: 20), stored: "cin_details_id")

    public static let cinChildren = DatasetLayout(
        name: "cin-children", title: "CIN census ChildIdentifiers", table: "cin_child",
        columns: [
            child,
            Column("UPN", .upn, .inHeader, stored: "upn"),
            Column("PersonBirthDate", .dateOfBirth, .inHeader, stored: "birth_month"),
            Column("GenderCurrent", .code(CodeLists.cinGender), stored: "gender"),
            Column("PersonDeathDate", .date, .optional, stored: "death_date"),
        ],
        rowRules: [
            .order(
                "cin.death-after-birth", earlier: "PersonBirthDate", later: "PersonDeathDate",
                fix: "check PersonBirthDate and PersonDeathDate")
        ],
        fileRules: [.unique("cin.child-unique", ["LAchildID"], what: "identifier row for the same child")])

    public static let cinDetails = DatasetLayout(
        name: "cin-details", title: "CIN census CINdetails (referrals)", table: "cin_referral",
        columns: [
            child, cinDetailsID,
            Column("CINreferralDate", .date, stored: "referral_date"),
            Column("ReferralSource", .code(CodeLists.referralSource), stored: "referral_source"),
            Column("PrimaryNeedCode", .code(CodeLists.primaryNeed), .inHeader, stored: "primary_need"),
            Column("CINclosureDate", .date, .inHeader, stored: "closure_date"),
            Column("ReasonForClosure", .code(CodeLists.reasonForClosure), .inHeader, stored: "reason_for_closure"),
            Column("ReferralNFA", .code(CodeLists.flag), stored: "referral_nfa"),
        ],
        rowRules: [
            .order(
                "cin.closure-after-referral", earlier: "CINreferralDate", later: "CINclosureDate",
                fix: "a case closes (CINclosureDate) on or after its referral (CINreferralDate)"),
            .together("cin.closure-reason", "CINclosureDate", "ReasonForClosure"),
            .notAfterYearEnd("cin.referral-in-year", "CINreferralDate"),
            .notAfterYearEnd("cin.closure-in-year", "CINclosureDate"),
        ],
        fileRules: [
            .unique("cin.details-unique", ["LAchildID", "CINdetailsID"], what: "CINdetails row with the same LAchildID and CINdetailsID"),
            .noOverlap(
                "cin.referrals-overlap", child: "LAchildID", start: "CINreferralDate", end: "CINclosureDate",
                what: "an episode of need"),
        ])

    public static let cinAssessments = DatasetLayout(
        name: "cin-assessments", title: "CIN census Assessments", table: "cin_assessment",
        columns: [
            child, cinDetailsID,
            Column("AssessmentActualStartDate", .date, stored: "start_date"),
            Column("AssessmentAuthorisationDate", .date, .inHeader, stored: "authorisation_date"),
            Column("AssessmentFactors", .codes(CodeLists.assessmentFactor), .optional, stored: "factors"),
        ],
        rowRules: [
            .order(
                "cin.assessment-order", earlier: "AssessmentActualStartDate", later: "AssessmentAuthorisationDate",
                fix: "an assessment is authorised on or after it starts"),
            .notAfterYearEnd("cin.assessment-in-year", "AssessmentActualStartDate"),
        ])

    public static let cinSection47 = DatasetLayout(
        name: "cin-section47", title: "CIN census Section47", table: "cin_section47",
        columns: [
            child, cinDetailsID,
            Column("S47ActualStartDate", .date, stored: "start_date"),
            Column("DateOfInitialCPC", .date, .inHeader, stored: "initial_cpc_date"),
            Column("ICPCnotRequired", .code(CodeLists.flag), .optional, stored: "icpc_not_required"),
        ],
        rowRules: [
            .order(
                "cin.icpc-after-s47", earlier: "S47ActualStartDate", later: "DateOfInitialCPC",
                fix: "the initial child protection conference is on or after the section 47 enquiry starts"),
            RowRule(
                "cin.icpc-not-required", column: "DateOfInitialCPC",
                message: "DateOfInitialCPC is given although ICPCnotRequired is 1",
                fix: "leave DateOfInitialCPC blank when no conference was required, or set ICPCnotRequired to 0"
            ) { row in
                !(row["ICPCnotRequired"].text == "1" && !row["DateOfInitialCPC"].isNone)
            },
        ])

    public static let cinProtectionPlans = DatasetLayout(
        name: "cin-cp-plans", title: "CIN census ChildProtectionPlans", table: "cin_protection_plan",
        columns: [
            child, cinDetailsID,
            Column("CPPstartDate", .date, stored: "start_date"),
            Column("CPPendDate", .date, .inHeader, stored: "end_date"),
            Column("InitialCategoryOfAbuse", .code(CodeLists.categoryOfAbuse), stored: "initial_category"),
            Column("LatestCategoryOfAbuse", .code(CodeLists.categoryOfAbuse), .inHeader, stored: "latest_category"),
            Column("NumberOfPreviousCPP", .integer(0...50), .optional, stored: "previous_plans"),
        ],
        rowRules: [
            .order("cin.cpp-order", earlier: "CPPstartDate", later: "CPPendDate", fix: "a plan ends on or after it starts"),
            .notAfterYearEnd("cin.cpp-in-year", "CPPstartDate"),
        ],
        fileRules: [.noOverlap("cin.cpp-overlap", child: "LAchildID", start: "CPPstartDate", end: "CPPendDate", what: "a child protection plan")])
}
