import ArgumentParser
import Foundation
import LLNCNode
import LLNCProtocol

/// `llnc-node compare`: this site's published figures against England and its neighbours,
/// fetched from the hub with a request signed by the site's enrolled key.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show the hub's published comparison for this site: site vs England vs statistical neighbours.")
    @OptionGroup var node: NodeOptions
    @Option(help: "The released period, e.g. 2024-25. Default: the newest released period.") var period: String?
    @Flag(help: "Print the hub's JSON answer instead of a table.") var json = false

    func run() async throws {
        let identity = try SiteIdentity.load(nodeDirectory: node.directory.url)
        let body = try await HubClient(baseURL: identity.hubURL)
            .siteProfile(identity: identity, period: period, now: Int64(Date().timeIntervalSince1970))
        if json { return print(String(decoding: body, as: UTF8.self)) }
        let profile = try JSONDecoder().decode(SiteProfile.self, from: Data(body))
        print(ComparisonTable(profile).text)
    }
}

/// The profile as a terminal table: one line per indicator (overall figures first).
struct ComparisonTable {
    let profile: SiteProfile

    init(_ profile: SiteProfile) { self.profile = profile }

    var text: String {
        var lines: [String] = []
        if profile.synthetic { lines.append("SYNTHETIC DATA: these figures are made up for a demonstration") }
        lines.append("site \(profile.laNumber)\(profile.laName.map { " \($0)" } ?? ""), period \(profile.period), release \(profile.releaseID)")
        let header = ["indicator", "breakdown", "site", "England", "neighbours", "vs England", "rank"]
        var rows = [header]
        for row in profile.rows {
            rows.append([
                row.indicator, row.breakdown.isEmpty ? "Total" : row.breakdown, Self.figure(row.site),
                row.england.map(Self.figure) ?? "-", row.neighbours.map(Self.figure) ?? "-", row.significance ?? "-",
                row.rank.map { "\($0)/\(row.ranked ?? 0)" } ?? "-",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            lines.append(zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }

    /// `45 (rounded) [38.1-52.9]`, `c (suppressed)`, `1,200-1,260 (interval, 3/4 sites)`.
    static func figure(_ figure: SiteProfile.Figure) -> String {
        var text: String
        if let value = figure.value {
            text = value
        } else if let lower = figure.lower, let upper = figure.upper {
            text = "\(lower)-\(upper)"
        } else {
            text = figure.symbol ?? "x"
        }
        text += " (\(figure.status)"
        if let reporting = figure.reporting, let expected = figure.expected { text += ", \(reporting)/\(expected) sites" }
        text += ")"
        if let lower = figure.ciLower, let upper = figure.ciUpper { text += " [\(lower)-\(upper)]" }
        return text
    }
}
