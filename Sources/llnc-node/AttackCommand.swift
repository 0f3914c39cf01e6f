import ArgumentParser
import Foundation
import LLNCDisclosure
import LLNCNode

/// `llnc-node attack FILES...`: what an intruder with an LP solver learns from published
/// tables, together: the interval each suppressed cell is confined to.
struct AttackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attack",
        abstract: "Attack published tidy CSVs together and print each suppressed cell's feasible interval.")

    @Argument(help: "Published tidy CSVs (symbols c, x, z, low for withheld cells).")
    var files: [String]

    @Option(help: "Rounding base of the numbers when the files have no status column.")
    var roundingBase: Int?

    @Option(help: "JSON settings giving hierarchies below Total (node/PROTECT.md).")
    var policy: String?

    func run() throws {
        let settings = try PolicyFile.load(policy)
        var knowledge = AttackerKnowledge()
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            try PublishedCSV.learn(bytes, file: file, settings: settings, roundingBase: roundingBase, into: &knowledge)
        }
        let intervals = try Attacker.attack(knowledge)
        for interval in intervals {
            let upper = interval.maximum.map { format($0) } ?? "unbounded"
            let verdict = interval.isExact ? "  DISCLOSED" : ((interval.maximum ?? .infinity) - interval.minimum < 10 ? "  narrower than ±5" : "")
            print("\(interval.label): [\(format(interval.minimum)), \(upper)]\(verdict)")
        }
        print("\(intervals.count) suppressed cells attacked, \(intervals.filter(\.isExact).count) disclosed exactly")
    }

    private func format(_ value: Double) -> String {
        abs(value - value.rounded()) < 1e-6 ? String(Int(value.rounded())) : String((value * 100).rounded() / 100)
    }
}
