/// The people and events of a synthetic site, before they are cut into yearly extracts.
/// Indices into `SyntheticWorld.children` link everything, as a real LA's child id does.
struct SyntheticChild {
    let childID: String
    /// A UPN, or UN1-UN5 for a child without one.
    let upn: String
    let dob: CalendarDay
    let sex: String
    let ethnicity: String
    let fsm: Bool
}

struct SyntheticReferral {
    let child: Int
    let detailsID: Int
    let date: CalendarDay
    let closure: CalendarDay?
    let closureReason: String?
    let source: String
    let need: String
    let noFurtherAction: Bool
    var assessment: (start: CalendarDay, authorised: CalendarDay, factors: [String])?
    var section47: (start: CalendarDay, conference: CalendarDay?)?
    var plan: (start: CalendarDay, end: CalendarDay?, initial: String, latest: String)?
}

struct SyntheticEpisode {
    let child: Int
    let start: CalendarDay
    var end: CalendarDay?
    let rne: String
    let legalStatus: String
    let need: String
    let place: String
    let provider: String
    var rec: String?
    let reasonPlaceChange: String?
    let homeDistrict: String
    let weeklyCost: Double
}

struct SyntheticCareLeaver {
    let child: Int
    let leftCare: CalendarDay
}

/// Everything simulated for one site over the whole period (with burn-in years first, so
/// the first extract starts with a realistic stock of children in care).
struct SyntheticWorld {
    var children: [SyntheticChild] = []
    var referrals: [SyntheticReferral] = []
    var episodes: [SyntheticEpisode] = []
    var careLeavers: [SyntheticCareLeaver] = []
}

/// Code weights for synthetic rows: roughly national shares, with rare codes kept rare so
/// that small cells appear for disclosure control to find.
enum SyntheticMix {
    static let ethnicity: [(String, Double)] = [
        ("WBRI", 70), ("WIRI", 0.5), ("WOTH", 4), ("WIRT", 0.2), ("WROM", 0.3), ("MWBC", 2), ("MWBA", 1),
        ("MWAS", 1), ("MOTH", 2), ("AIND", 2), ("APKN", 6), ("ABAN", 3), ("AOTH", 1.5), ("BCRB", 1),
        ("BAFR", 3), ("BOTH", 0.5), ("CHNE", 0.3), ("OOTH", 1.5), ("REFU", 0.4), ("NOBT", 0.3),
    ]
    static let referralSource: [(String, Double)] = [
        ("1A", 2), ("1B", 3), ("1C", 1), ("1D", 1), ("2A", 12), ("2B", 2), ("3A", 18), ("3B", 3), ("3C", 2),
        ("3D", 1), ("3E", 1), ("3F", 1), ("4", 3), ("5A", 30), ("5B", 3), ("5C", 2), ("5D", 2), ("6", 1),
        ("7", 1), ("8", 3), ("9", 4), ("10", 4),
    ]
    static let need: [(String, Double)] = [
        ("N1", 55), ("N2", 3), ("N3", 2), ("N4", 15), ("N5", 2), ("N6", 2), ("N7", 1), ("N8", 3), ("N9", 10), ("N0", 7),
    ]
    static let closureReason: [(String, Double)] = [
        ("RC1", 25), ("RC2", 2), ("RC3", 1), ("RC4", 3), ("RC5", 2), ("RC6", 3), ("RC7", 20), ("RC8", 30), ("RC9", 14),
    ]
    static let abuse: [(String, Double)] = [("NEG", 50), ("EMO", 35), ("PHY", 7), ("SAB", 4), ("MUL", 4)]
    static let factors = [
        "1B", "1C", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "6A", "6C", "7A", "8B", "8C",
        "8F", "9A", "10A", "11A", "12A", "13A", "14A", "16A", "18B", "18C", "19A", "19B", "21", "22A", "24A",
    ]
    static let legalStatus: [(String, Double)] = [
        ("C2", 45), ("V2", 20), ("C1", 20), ("E1", 6), ("L2", 3), ("J2", 2), ("L1", 2), ("J1", 1), ("D1", 1),
    ]
    /// Placement, provider choices, and a typical weekly cost in pounds.
    static let placement: [((String, [(String, Double)], Double), Double)] = [
        (("U1", [("PR1", 90), ("PR4", 10)], 300), 10), (("U3", [("PR1", 90), ("PR4", 10)], 320), 6),
        (("U4", [("PR1", 60), ("PR4", 40)], 480), 22), (("U6", [("PR1", 40), ("PR4", 60)], 900), 28),
        (("K2", [("PR4", 75), ("PR1", 20), ("PR5", 5)], 5200), 11), (("H5", [("PR4", 80), ("PR1", 20)], 1600), 6),
        (("P1", [("PR0", 100)], 0), 6), (("R1", [("PR4", 70), ("PR2", 30)], 4000), 2), (("A4", [("PR1", 80), ("PR3", 20)], 350), 1.5),
        (("A6", [("PR1", 80), ("PR3", 20)], 350), 1), (("K1", [("PR2", 60), ("PR4", 40)], 8000), 0.3),
        (("S1", [("PR4", 100)], 3000), 0.3), (("Z1", [("PR1", 100)], 500), 0.4),
    ]
    static let reasonPlaceChange: [(String, Double)] = [
        ("CARPL", 30), ("CHILD", 10), ("LAREQ", 25), ("PLACE", 15), ("CREQB", 5), ("CREQO", 3), ("STAND", 4),
        ("CLOSE", 3), ("ALLEG", 1), ("APPRR", 1), ("CUSTOD", 1), ("OTHER", 2),
    ]
    static let ceaseReason: [(String, Double)] = [
        ("E4A", 30), ("E13", 8), ("E45", 4), ("E46", 3), ("E47", 3), ("E48", 2), ("E41", 2), ("E8", 20), ("E3", 2), ("E7", 2),
    ]
    static let activity: [(String, Double)] = [
        ("F1", 6), ("P1", 1), ("F2", 25), ("P2", 3), ("F4", 4), ("P4", 1), ("F5", 12), ("P5", 5), ("G4", 8), ("G5", 26), ("G6", 5),
    ]
    static let accommodationKind: [(String, Double)] = [
        ("B", 10), ("C", 15), ("D", 10), ("E", 5), ("G", 3), ("H", 15), ("K", 8), ("R", 12), ("S", 12), ("T", 8), ("U", 8),
        ("V", 1), ("W", 1), ("X", 2), ("Y", 1), ("Z", 2),
    ]
}
