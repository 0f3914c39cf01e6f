/// SSDA903 (children looked after) files, keyed by the LA's CHILD id.
extension DatasetLayout {
    public static let ssda903Header = DatasetLayout(
        name: "903-header", title: "SSDA903 Header", table: "ssda903_header",
        columns: [
            Column("CHILD", .childID, stored: "child"),
            Column("SEX", .code(CodeLists.sex), stored: "sex"),
            Column("DOB", .dateOfBirth, stored: "birth_month"),
            Column("ETHNIC", .code(CodeLists.ethnicity), stored: "ethnicity"),
            Column("UPN", .upn, stored: "upn"),
            Column("MOTHER", .code(CodeLists.flag), .inHeader, stored: "mother"),
            Column("MC_DOB", .dateOfBirth, .optional, stored: "mc_birth_month"),
        ],
        rowRules: [
            RowRule(
                "903.mother-sex", column: "MOTHER", message: "MOTHER is 1 for a child whose SEX is not 2",
                fix: "set MOTHER only for female children"
            ) { row in
                row["MOTHER"].text != "1" || row["SEX"].text == "2"
            },
            RowRule(
                "903.mc-dob-order", column: "MC_DOB", message: "MC_DOB is before the child's own DOB",
                fix: "check both dates of birth"
            ) { row in
                guard let dob = row["DOB"].day, let mc = row["MC_DOB"].day else { return true }
                return mc > dob
            },
        ],
        fileRules: [.unique("903.header-unique", ["CHILD"], what: "header row for the same child")])

    public static let ssda903Episodes = DatasetLayout(
        name: "903-episodes", title: "SSDA903 Episodes", table: "ssda903_episode",
        columns: [
            Column("CHILD", .childID, stored: "child"),
            Column("DECOM", .date, stored: "decom"),
            Column("RNE", .code(CodeLists.reasonNewEpisode), stored: "rne"),
            Column("LS", .code(CodeLists.legalStatus), stored: "ls"),
            Column("CIN", .code(CodeLists.categoryOfNeed), stored: "cin"),
            Column("PLACE", .code(CodeLists.placementType), stored: "place"),
            Column("PLACE_PROVIDER", .code(CodeLists.placementProvider), .inHeader, stored: "place_provider"),
            Column("DEC", .date, .inHeader, stored: "dec"),
            Column("REC", .code(CodeLists.reasonEpisodeCeased), .inHeader, stored: "rec"),
            Column("REASON_PLACE_CHANGE", .code(CodeLists.reasonPlacementChange), .optional, stored: "reason_place_change"),
            Column("HOME_POST", .postcodeDistrict, .optional, stored: "home_district"),
            Column("PL_POST", .postcodeDistrict, .optional, stored: "placement_district"),
            Column("URN", .reference(maxLength: 8), .optional, stored: "urn"),
        ],
        rowRules: [
            .order("903.dec-after-decom", earlier: "DECOM", later: "DEC", fix: "an episode must end (DEC) on or after it starts (DECOM)"),
            .together("903.dec-rec", "DEC", "REC"),
            .notAfterYearEnd("903.decom-in-year", "DECOM"),
            .notAfterYearEnd("903.dec-in-year", "DEC"),
            RowRule(
                "903.open-in-year", column: "DEC", message: "the episode ended before the collection year began",
                fix: "leave out episodes that ended before 1 April, or load the file with its own --year"
            ) { row in
                guard let dec = row["DEC"].day else { return true }
                return dec >= CollectionYear(row.year).start
            },
            RowRule(
                "903.provider-needed", column: "PLACE_PROVIDER", message: "PLACE_PROVIDER is blank for a placement that needs one",
                fix: "give PR0-PR5; only placements T0-T4 and Z1 may leave it blank"
            ) { row in
                guard row["PLACE_PROVIDER"].isNone, let place = row["PLACE"].text else { return true }
                return ["T0", "T1", "T2", "T3", "T4", "Z1"].contains(place)
            },
        ],
        fileRules: [.noOverlap("903.episodes-overlap", child: "CHILD", start: "DECOM", end: "DEC", what: "an episode")])

    /// The OC3 return: care leavers whose 17th to 21st birthday falls in the collection year.
    public static let ssda903OC3 = DatasetLayout(
        name: "903-oc3", title: "SSDA903 OC3 (care leavers 17-21)", table: "ssda903_oc3",
        columns: [
            Column("CHILD", .childID, stored: "child"),
            Column("DOB", .dateOfBirth, stored: "birth_month"),
            Column("IN_TOUCH", .code(CodeLists.inTouch), stored: "in_touch"),
            Column("ACTIV", .code(CodeLists.activity), .inHeader, stored: "activity"),
            Column("ACCOM", .code(CodeLists.accommodation), .inHeader, stored: "accommodation"),
        ],
        rowRules: [
            .age(
                "903.oc3-age", on: { row in row["DOB"].day.map { birthdayInYear($0, row.year) } }, within: 17...21,
                message: "OC3 is only for care leavers whose 17th to 21st birthday falls in the collection year",
                fix: "remove the row, or check DOB and --year")
        ],
        fileRules: [.unique("903.oc3-unique", ["CHILD"], what: "OC3 row for the same child")],
        derived: [
            DerivedColumn("age") { row in
                guard let dob = row["DOB"].day else { return .none }
                return .integer(dob.age(on: birthdayInYear(dob, row.year)))
            }
        ])
}

/// The birthday a person born on `dob` has within collection year `year` (1 April to
/// 31 March; a 29 February birthday falls on 1 March in other years).
func birthdayInYear(_ dob: CalendarDay, _ year: Int) -> CalendarDay {
    let calendarYear = (dob.month, dob.day) >= (4, 1) ? year - 1 : year
    return CalendarDay(year: calendarYear, month: dob.month, day: dob.day)
        ?? CalendarDay(year: calendarYear, month: 3, day: 1)!
}
