import Foundation
import LLNCComparison
import LLNCProtocol

/// Released numbers as decimal text to the places the unit is published with (counts 0,
/// percentages, rates and days 1, money 2). Shared by the
/// profile, the terminal table and the open-data files so they never disagree.
package enum FigureText {
    static func places(_ unit: Cell.Unit) -> Int {
        switch unit {
        case .count: 0
        case .percentage, .ratePer10000, .days: 1
        case .gbp, .gbpPerWeek: 2
        }
    }

    package static func format(_ value: Double, unit: Cell.Unit) -> String {
        let places = places(unit)
        if places == 0 || (value == value.rounded() && abs(value) >= 1e15) { return String(Int64(value.rounded())) }
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let scaled = (value * factor).rounded()
        let whole = Int64(scaled / factor)
        let fraction = Int64(abs(scaled.truncatingRemainder(dividingBy: factor)))
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        guard places > 0 else { return "\(sign)\(whole)" }
        let digits = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: places - digits.count))\(digits)"
    }

    static func format(_ value: Double?, unit: Cell.Unit) -> String? { value.map { format($0, unit: unit) } }
}
