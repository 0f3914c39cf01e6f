import LLNCProtocol

/// A calendar date without a time zone: what an extract's `dd/mm/yyyy` field means.
///
/// Compared and subtracted through `ordinal` (days since 1970-01-01, proleptic Gregorian),
/// so per-child rules such as "episodes do not overlap" cost integer comparisons.
public struct CalendarDay: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month),
            (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `dd/mm/yyyy` (one-digit day or month tolerated, as spreadsheets write
    /// them). Returns nil for anything else, including impossible dates such as 31/02/2024.
    public init?(ddmmyyyy text: String) {
        var parts = [0, 0, 0]
        var digits = [0, 0, 0]
        var index = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "/") {
                index += 1
                if index > 2 { return nil }
            } else if byte >= 48, byte <= 57 {
                parts[index] = parts[index] * 10 + Int(byte - 48)
                digits[index] += 1
            } else {
                return nil
            }
        }
        guard index == 2, (1...2).contains(digits[0]), (1...2).contains(digits[1]), digits[2] == 4
        else { return nil }
        self.init(year: parts[2], month: parts[1], day: parts[0])
    }

    /// Parses `yyyy-mm-dd`, the form the store keeps a date in.
    public init?(iso text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01.
    public var ordinal: Int { Int(CivilCalendar.days(year: Int64(year), month: Int64(month), day: Int64(day))) }

    /// The day `ordinal` days after 1970-01-01.
    public init(ordinal: Int) {
        let date = CivilCalendar.date(days: Int64(ordinal))
        self.year = Int(date.year)
        self.month = Int(date.month)
        self.day = Int(date.day)
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(ordinal: ordinal + days) }

    /// Whole years of age on `date` for someone born on `self`.
    public func age(on date: CalendarDay) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// Whole months of age on `date` for someone born on `self`.
    public func ageInMonths(on date: CalendarDay) -> Int {
        var months = (date.year - year) * 12 + date.month - month
        if date.day < day { months -= 1 }
        return months
    }

    /// ISO 8601 `yyyy-mm-dd`: how dates are stored, so SQL comparisons sort correctly.
    public var iso: String { "\(year)-\(Self.pad(month))-\(Self.pad(day))" }
    /// `yyyy-mm`: all a store keeps of a date of birth.
    public var isoMonth: String { "\(year)-\(Self.pad(month))" }
    /// `dd/mm/yyyy`: how extracts write dates.
    public var ddmmyyyy: String { "\(Self.pad(day))/\(Self.pad(month))/\(year)" }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.ordinal < b.ordinal }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// A collection year is named by the March it ends in: collection year 2024 runs from
/// 1 April 2023 to 31 March 2024 (the SSDA903 and CIN census reporting year).
public struct CollectionYear: Hashable, Sendable {
    public let year: Int
    public init(_ year: Int) { self.year = year }
    public var start: CalendarDay { CalendarDay(year: year - 1, month: 4, day: 1)! }
    public var end: CalendarDay { CalendarDay(year: year, month: 3, day: 31)! }
    public func contains(_ day: CalendarDay) -> Bool { day >= start && day <= end }
}
