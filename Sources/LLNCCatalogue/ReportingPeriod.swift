/// A period such as `2024-25` read for one period type: the collection year whose files hold
/// it (named by the year it ends in, as the node store names them) and its first and last day.
public struct ReportingPeriod: Sendable, Hashable {
    /// As written on cells: `2024-25`.
    public let label: String
    /// The store's collection year: 2025 for `2024-25`.
    public let collectionYear: Int
    public let type: Indicator.PeriodType
    /// ISO dates, so they compare with the store's dates as text.
    public let start: String
    public let end: String

    /// Parses `YYYY-YY` (the second year following the first).
    public init?(_ label: String, type: Indicator.PeriodType) {
        let parts = label.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let first = Int(parts[0]), let second = Int(parts[1]), second == (first + 1) % 100
        else { return nil }
        self.label = label
        self.collectionYear = first + 1
        self.type = type
        switch type {
        case .reportingYear, .financialYear:
            start = "\(first)-04-01"
            end = "\(first + 1)-03-31"
        case .academicYear:
            start = "\(first)-09-01"
            end = "\(first + 1)-08-31"
        }
    }

    /// The period a year before this one (for year-on-year flows).
    public var previous: ReportingPeriod {
        let first = collectionYear - 2
        return ReportingPeriod("\(first)-\(String(format2((first + 1) % 100)))", type: type)!
    }

    /// The end date `months` whole months before `end` (same day of month, clamped to the
    /// month's last day), for "in care at least 2½ years" style conditions.
    public func end(minusMonths months: Int) -> String {
        let parts = end.split(separator: "-").map { Int($0)! }
        var index = parts[0] * 12 + (parts[1] - 1) - months
        if index < 0 { index = 0 }
        let year = index / 12
        let month = index % 12 + 1
        let lengths = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let day = min(parts[2], lengths[month - 1])
        return "\(year)-\(format2(month))-\(format2(day))"
    }
}

private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
