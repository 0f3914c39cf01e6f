/// Early-years extracts. There is no national record format, so these layouts are the node's
/// own (node/DATASETS.md). Children are identified by CHILD (the LA's id, when known to
/// children's services) and/or UPN; either links the row to the child's other records.
extension DatasetLayout {
    private static let optionalChild = Column("CHILD", .childID, .optional, stored: "child")
    private static let optionalUPN = Column("UPN", .upn, .optional, stored: "upn")

    /// The early learning goals in order; a good level of development is "expected" (2) in
    /// the first twelve: communication and language, PSED, physical development, literacy and
    /// mathematics.
    public static let earlyLearningGoals = [
        "ELG01", "ELG02", "ELG03", "ELG04", "ELG05", "ELG06", "ELG07", "ELG08", "ELG09",
        "ELG10", "ELG11", "ELG12", "ELG13", "ELG14", "ELG15", "ELG16", "ELG17",
    ]

    public static let eyfsp = DatasetLayout(
        name: "eyfsp", title: "EYFSP results per child", table: "eyfsp_result",
        columns: [
            optionalChild, optionalUPN,
            Column("SEX", .code(CodeLists.sex), stored: "sex"),
            Column("DOB", .dateOfBirth, stored: "birth_month"),
            Column("ETHNIC", .code(CodeLists.ethnicity), .optional, stored: "ethnicity"),
            Column("FSM", .code(CodeLists.flag), .optional, stored: "fsm"),
            Column("SEN", .code(CodeLists.specialNeeds), .optional, stored: "sen"),
        ] + earlyLearningGoals.map { Column($0, .code(CodeLists.learningGoalScore), stored: $0.lowercased()) },
        oneOf: [["CHILD", "UPN"]],
        rowRules: [
            .age(
                "ey.eyfsp-age", on: { row in CalendarDay(year: row.year, month: 8, day: 31) }, within: 4...6,
                message: "the child is not of reception age (4 to 6 on 31 August of the collection year)",
                fix: "check DOB and --year (the academic year's summer, e.g. 2024 for 2023/24)")
        ],
        fileRules: [.unique("ey.eyfsp-unique", ["UPN"], what: "EYFSP row for the same UPN")],
        derived: [
            DerivedColumn("gld") { row in
                .text(earlyLearningGoals.prefix(12).allSatisfy { row[$0].text == "2" } ? "1" : "0")
            }
        ])

    /// Funded early education for 2-year-olds at the January census of the collection year.
    public static let fundedTwoYearOlds = DatasetLayout(
        name: "funded-2yo", title: "Funded 2-year-old places", table: "funded_two_year_old",
        columns: [
            optionalChild, optionalUPN,
            Column("DOB", .dateOfBirth, stored: "birth_month"),
            Column("ELIGIBLE", .code(CodeLists.flag), stored: "eligible"),
            Column("TAKEN_UP", .code(CodeLists.flag), stored: "taken_up"),
        ],
        rowRules: [
            RowRule(
                "ey.taken-up-eligible", column: "TAKEN_UP", message: "TAKEN_UP is 1 for a child who is not ELIGIBLE",
                fix: "funded 2-year-old places are only for eligible children: check ELIGIBLE"
            ) { row in
                row["TAKEN_UP"].text != "1" || row["ELIGIBLE"].text == "1"
            },
            .age(
                "ey.two-year-old", on: { row in CalendarDay(year: row.year - 1, month: 12, day: 31) }, within: 2...2,
                message: "the child was not 2 on 31 December before the January census",
                fix: "check DOB and --year (the year of the January census)"),
        ])

    public static let asqDomains = ["COMMUNICATION", "GROSS_MOTOR", "FINE_MOTOR", "PROBLEM_SOLVING", "PERSONAL_SOCIAL"]

    /// The health visitor's 2 to 2½ year review with an ASQ-3 outcome per domain.
    public static let twoYearReview = DatasetLayout(
        name: "asq3-review", title: "2-2½ year review (ASQ-3)", table: "asq3_review",
        columns: [
            optionalChild, optionalUPN,
            Column("SEX", .code(CodeLists.sex), .optional, stored: "sex"),
            Column("DOB", .dateOfBirth, stored: "birth_month"),
            Column("REVIEW_DATE", .date, stored: "review_date"),
        ] + asqDomains.map { Column($0, .code(CodeLists.asqOutcome), stored: $0.lowercased()) },
        rowRules: [
            .withinYear("ey.review-in-year", "REVIEW_DATE"),
            RowRule(
                "ey.review-age", column: "REVIEW_DATE", message: "the review was not at 24 to 36 months of age",
                fix: "check REVIEW_DATE and DOB; only 2-2½ year reviews belong in this file"
            ) { row in
                guard let dob = row["DOB"].day, let review = row["REVIEW_DATE"].day else { return true }
                return (24...36).contains(dob.ageInMonths(on: review))
            },
        ],
        derived: [
            DerivedColumn("age_months") { row in
                guard let dob = row["DOB"].day, let review = row["REVIEW_DATE"].day else { return .none }
                return .integer(dob.ageInMonths(on: review))
            },
            DerivedColumn("all_domains_expected") { row in
                .text(asqDomains.allSatisfy { row[$0].text == "A" } ? "1" : "0")
            },
        ])
}
