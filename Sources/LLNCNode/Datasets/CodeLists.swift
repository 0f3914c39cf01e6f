/// The code lists the layouts use. National lists follow DfE's SSDA903 and CIN census
/// specifications (see /work/shared/DOMAIN.md); the early-years, care-leaver, cost and survey
/// lists are the node's own and are documented in node/DATASETS.md.
///
/// Year-versioned codes (a collection year is named by the March it ends in), checked against
/// public sources in November 2026:
/// - placement type `K3` from 2025 (2024-25): data-to-insight/csc-validator-be-903 lists it in
///   `lac_validator/rules/lac2024_25/rule_146.py` (rule 146, valid PLACE codes) but not in
///   `lac2022_23/rule_146.py`, which 2023-24 inherits (`lac2023_24` has no rule 146 of its own).
/// - referral source `5D` and reason for closure `RC9` (both "early help") from 2023 (2022-23):
///   SocialFinanceDigitalLabs/liia-tools `liiatools/cin_census_pipeline/spec/CIN_schema_2023.xsd`
///   lists them, `CIN_schema_2022.xsd` and every earlier schema (2016-2021) do not; and
///   data-to-insight/csc-validator-be-cin accepts both from its first year
///   (`cin_validator/rules/cin2022_23/rule_8866.py`, `rule_8640.py`).
/// - assessment factor `24A` (child criminal exploitation) from 2022 (2021-22): in liia-tools
///   `CIN_schema_2022.xsd` onwards, not in `CIN_schema_2021.xsd`.
/// - assessment factors `18B` `18C` `19B` `19C` (physical / sexual abuse split child-on-child and
///   adult-on-child) from 2021 (2020-21): in liia-tools `CIN_schema_2021.xsd` onwards, not in
///   `CIN_schema_2020.xsd` or earlier.
/// Codes marked `// unverified:` below keep their previous years because the sources searched
/// did not settle them.
public enum CodeLists {
    public static let sex = CodeList("sex (1 male, 2 female)", codes: [("1", "male"), ("2", "female")])
    public static let cinGender = CodeList(
        "gender (0 not known, 1 male, 2 female, 9 not specified)",
        codes: [("0", "not known"), ("1", "male"), ("2", "female"), ("9", "not specified")])
    public static let flag = CodeList("yes/no flag (0 or 1)", codes: [("0", "no"), ("1", "yes")])

    public static let ethnicity = CodeList(
        "ethnicity (ETHNIC)",
        plain: [
            "WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
            "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
        ])

    public static let reasonNewEpisode = CodeList(
        "reason for new episode (RNE)",
        codes: [
            ("S", "started to be looked after"), ("L", "change of legal status"),
            ("P", "change of placement and carer"), ("T", "change of placement, same carer"),
            ("B", "change of legal status and placement"), ("U", "legal status and placement, same carer"),
        ])
    public static let legalStatus = CodeList(
        "legal status (LS)",
        plain: [
            "C1", "C2", "D1", "E1", "V2", "V3", "V4", "L1", "L2", "L3", "J1", "J2", "J3",
        ])
    public static let categoryOfNeed = CodeList("category of need (CIN)", plain: (1...8).map { "N\($0)" })
    public static let placementType = CodeList(
        "placement type (PLACE)",
        plain: [
            "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3", "P1", "P2", "P3", "R1", "R2", "R3", "R5",
            "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
        ]
    ).versioned("K3", from: 2025)
    // unverified: withdrawn placement codes before 2023. csc-validator-be-903 rule 146 holds the
    // same list (less K3) for 2022-23 and 2023-24 and only those years are in that repository; no
    // older code was searched for or found, so no other PLACE code has a year limit.
    public static let placementProvider = CodeList(
        "placement provider (PLACE_PROVIDER)",
        plain: [
            "PR0", "PR1", "PR2", "PR3", "PR4", "PR5",
        ])
    public static let reasonEpisodeCeased = CodeList(
        "reason episode ceased (REC)",
        plain: [
            "X1", "E11", "E12", "E13", "E14", "E15", "E16", "E17", "E2", "E3", "E4A", "E4B", "E41",
            "E45", "E46", "E47", "E48", "E5", "E6", "E7", "E8", "E9",
        ])
    public static let reasonPlacementChange = CodeList(
        "reason for placement change (REASON_PLACE_CHANGE)",
        plain: [
            "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB", "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER",
        ])
    public static let inTouch = CodeList("in touch (IN_TOUCH)", plain: ["YES", "NO", "DIED", "REFU", "NREQ", "RHOM"])
    public static let activity = CodeList(
        "main activity (ACTIV)",
        codes: [
            ("F1", "higher education, full time"), ("P1", "higher education, part time"),
            ("F2", "other education, full time"), ("P2", "other education, part time"),
            ("F4", "apprenticeship, full time"), ("P4", "apprenticeship, part time"),
            ("F5", "training or employment, full time"), ("P5", "training or employment, part time"),
            ("G4", "NEET: illness or disability"), ("G5", "NEET: other"), ("G6", "NEET: pregnancy or parenting"),
            ("0", "not in touch"),
        ])
    public static let accommodation = CodeList(
        "accommodation (ACCOM: a letter for the kind, 1 suitable / 2 unsuitable, or 0)",
        plain: ["0"] + "BCDEGHKRSTUVWXYZ".flatMap { letter in ["\(letter)1", "\(letter)2"] })

    public static let referralSource = CodeList(
        "referral source (ReferralSource)",
        plain: [
            "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4",
            "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10",
        ]
    ).versioned("5D", from: 2023)
    // The referral source field itself was first collected in 2013-14 (DfE SFR 43/2014;
    // csc-validator-be-cin rule 8866 checks it for referrals from 1 April 2013); the node does
    // not model years before the field existed.
    public static let primaryNeed = CodeList("primary need (PrimaryNeedCode)", plain: (0...9).map { "N\($0)" })
    public static let reasonForClosure = CodeList("reason for closure (ReasonForClosure)", plain: (1...9).map { "RC\($0)" })
        .versioned("RC9", from: 2023)
    public static let categoryOfAbuse = CodeList(
        "category of abuse",
        codes: [
            ("NEG", "neglect"), ("PHY", "physical"), ("SAB", "sexual"), ("EMO", "emotional"), ("MUL", "multiple"),
        ])
    public static let assessmentFactor = CodeList(
        "assessment factor (AssessmentFactors)",
        plain: [
            "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C",
            "6A", "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A",
            "14A", "15A", "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A",
        ]
    ).versioned("24A", from: 2022)
        .versioned("18B", from: 2021).versioned("18C", from: 2021)
        .versioned("19B", from: 2021).versioned("19C", from: 2021)
    // unverified: an end year for 18A and 19A. liia-tools' CIN schemas drop them from 2021
    // (replaced by 18B/18C and 19B/19C), but csc-validator-be-cin's 2024-25 rules 8945Q and 8950Q
    // (`cin_validator/rules/cin2024_25/`) only query them ("should not be used") rather than
    // refuse them, so they stay valid in every year until a DfE specification settles it.
    // unverified: start years for 21, 22A and 23A. They are in every liia-tools CIN schema from
    // the earliest stored (CIN_schema_2016.xsd); no earlier list was found, so they have none.

    public static let learningGoalScore = CodeList(
        "early learning goal score (1 emerging, 2 expected)",
        codes: [("1", "emerging"), ("2", "expected")])
    public static let specialNeeds = CodeList(
        "SEN provision (N none, K SEN support, E EHC plan)",
        codes: [("N", "none"), ("K", "SEN support"), ("E", "education, health and care plan")])
    public static let asqOutcome = CodeList(
        "ASQ-3 outcome (A above cut-off, M monitoring zone, B below cut-off, X not completed)",
        codes: [("A", "above cut-off"), ("M", "monitoring zone"), ("B", "below cut-off"), ("X", "not completed")])
}
