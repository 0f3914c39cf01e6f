/// Layouts the node defines because no national record format exists (node/DATASETS.md).
extension DatasetLayout {
    /// The site's own contact records with care leavers aged 17 to 25: the gap beyond OC3.
    public static let careLeaverContacts = DatasetLayout(
        name: "care-leaver-contacts", title: "Care-leaver contacts 17-25", table: "care_leaver_contact",
        columns: [
            Column("CHILD", .childID, stored: "child"),
            Column("DOB", .dateOfBirth, stored: "birth_month"),
            Column("CONTACT_DATE", .date, stored: "contact_date"),
            Column("IN_TOUCH", .code(CodeLists.inTouch), stored: "in_touch"),
            Column("ACTIV", .code(CodeLists.activity), .inHeader, stored: "activity"),
            Column("ACCOM", .code(CodeLists.accommodation), .inHeader, stored: "accommodation"),
            Column("STAYING_PUT", .code(CodeLists.flag), .optional, stored: "staying_put"),
            Column("HOMELESS", .code(CodeLists.flag), .optional, stored: "homeless"),
            Column("CUSTODY", .code(CodeLists.flag), .optional, stored: "custody"),
            Column("MISSING", .code(CodeLists.flag), .optional, stored: "missing"),
        ],
        rowRules: [
            .withinYear("cl.contact-in-year", "CONTACT_DATE"),
            .age(
                "cl.age", on: { $0["CONTACT_DATE"].day }, within: 17...25,
                message: "the care leaver was not 17 to 25 on CONTACT_DATE",
                fix: "check DOB and CONTACT_DATE; this file covers ages 17 to 25 only"),
            RowRule(
                "cl.in-touch-details", column: "ACTIV", message: "ACTIV or ACCOM is blank for a care leaver in touch",
                fix: "when IN_TOUCH is YES give ACTIV and ACCOM"
            ) { row in
                row["IN_TOUCH"].text != "YES" || (!row["ACTIV"].isNone && !row["ACCOM"].isNone)
            },
        ],
        fileRules: [.unique("cl.contact-unique", ["CHILD", "CONTACT_DATE"], what: "contact for the same child on the same day")],
        derived: [
            DerivedColumn("age") { row in
                guard let dob = row["DOB"].day, let date = row["CONTACT_DATE"].day else { return .none }
                return .integer(dob.age(on: date))
            }
        ])

    /// ONS mid-year population estimates by single year of age: the denominators. `--year`
    /// is the collection year they are denominators for (normally the mid-year estimate of
    /// the June inside it: collection year 2024 uses mid-2023).
    public static let onsPopulation = DatasetLayout(
        name: "ons-population", title: "ONS mid-year population by single year of age", table: "ons_population",
        columns: [
            Column("LA", .integer(100...999), stored: "la"),
            Column("AGE", .integer(0...90), stored: "age"),
            Column("SEX", .code(CodeLists.sex), stored: "sex"),
            Column("POPULATION", .integer(0...20_000_000), stored: "population"),
        ],
        fileRules: [.unique("ons.unique", ["LA", "AGE", "SEX"], what: "estimate for the same LA, AGE and SEX")])

    /// Weekly placement costs by placement type and provider type (a magnitude table).
    public static let placementCosts = DatasetLayout(
        name: "placement-costs", title: "Placement costs", table: "placement_cost",
        columns: [
            Column("CHILD", .childID, .optional, stored: "child"),
            Column("PLACE", .code(CodeLists.placementType), stored: "place"),
            Column("PLACE_PROVIDER", .code(CodeLists.placementProvider), stored: "place_provider"),
            Column("WEEKLY_COST", .decimal(0...100_000), stored: "weekly_cost"),
            Column("START_DATE", .date, .optional, stored: "start_date"),
            Column("END_DATE", .date, .optional, stored: "end_date"),
        ],
        rowRules: [.order("cost.order", earlier: "START_DATE", later: "END_DATE", fix: "a cost period ends on or after it starts")])

    /// Survey responses: one row per answer. FREE_TEXT is stored but never leaves the node:
    /// indicators read the `survey_answer` view, which does not contain it.
    public static let surveyResponses = DatasetLayout(
        name: "survey", title: "Survey responses (voice)", table: "survey_response",
        columns: [
            Column("RESPONSE_ID", .reference(maxLength: 40), stored: "response_id"),
            Column("CHILD", .childID, .optional, stored: "child"),
            Column("SURVEY", .reference(maxLength: 40), stored: "survey"),
            Column("QUESTION", .reference(maxLength: 40), stored: "question"),
            Column("ANSWER", .reference(maxLength: 60), .inHeader, stored: "answer"),
            Column("FREE_TEXT", .freeText, .optional, stored: "free_text"),
        ],
        fileRules: [.unique("survey.unique", ["RESPONSE_ID", "QUESTION"], what: "answer to the same QUESTION in one response")])
}

extension DatasetLayout {
    /// Every dataset the node ingests, in the order `llnc-node ingest --help` lists them.
    public static let all: [DatasetLayout] = [
        ssda903Header, ssda903Episodes, ssda903OC3,
        cinChildren, cinDetails, cinAssessments, cinSection47, cinProtectionPlans,
        eyfsp, fundedTwoYearOlds, twoYearReview,
        careLeaverContacts, onsPopulation, placementCosts, surveyResponses,
    ]

    public static func named(_ name: String) -> DatasetLayout? { all.first { $0.name == name.lowercased() } }
}
