import ArgumentParser
import Foundation
import LLNCCatalogue
import LLNCNode

/// `llnc-node review BATCH [--html FILE]`: what would leave, and what stays.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Show every cell of a batch that would leave, with its status and rule, and the exact figures that stay local.")

    @OptionGroup var node: NodeOptions
    @OptionGroup var options: CatalogueOptions
    @Argument(help: "The batch id printed by compute.") var batch: Int64
    @Option(help: "Also write the review as a standalone HTML page to this file.") var html: String?

    func run() throws {
        let (_, indicators) = try node.openIndicators()
        let titles = (try? options.load()).map { Dictionary(uniqueKeysWithValues: $0.indicators.map { ($0.id, $0.title) }) } ?? [:]
        let review = BatchReview(batch: try indicators.batch(batch), titles: titles)
        if let html {
            try review.html.write(toFile: html, atomically: true, encoding: .utf8)
            try indicators.recordReview(batch, format: "html")
            say("review of batch \(batch) written to \(html)")
        } else {
            FileHandle.standardOutput.write(Data(review.text.utf8))
            try indicators.recordReview(batch, format: "terminal")
        }
    }
}

/// `llnc-node approve BATCH --by NAME`.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve a reviewed batch under your name; only approved batches can be sealed and sent.")

    @OptionGroup var node: NodeOptions
    @Argument(help: "The batch id.") var batch: Int64
    @Option(help: "Your name, as the approver.") var by: String

    func run() throws {
        let (_, indicators) = try node.openIndicators()
        let result = try indicators.approve(batch, by: by)
        say(
            result.isApproved
                ? "batch \(batch) approved (\(result.approvals.map(\.approver).joined(separator: " and "))): it may now be sealed and sent"
                : "batch \(batch): approval \(result.approvals.count) of \(result.approvalsRequired) recorded; four-eyes needs a second, different approver"
        )
    }
}

/// `llnc-node audit verify|show`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check or show the node's hash-chained audit log.", subcommands: [Verify.self, Show.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every entry's hash and link; exit 1 and name each break if the log was altered.")
        @OptionGroup var node: NodeOptions
        @Option(help: "A head hash noted earlier: also checks that no entry after it was cut off.") var head: String?

        func run() throws {
            let (_, indicators) = try node.openIndicators()
            let result = try indicators.auditVerification()
            var problems = result.problems
            if let head, !(try indicators.auditEntries().contains { $0.hash == head }) {
                problems.append("the noted head \(head) is not in the log: entries were removed or replaced")
            }
            guard problems.isEmpty else {
                for problem in problems { say("BROKEN: \(problem)") }
                throw ExitCode(1)
            }
            say("audit log intact: \(result.entries) entries, head \(result.head)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the audit entries.")
        @OptionGroup var node: NodeOptions

        func run() throws {
            let (_, indicators) = try node.openIndicators()
            for e in try indicators.auditEntries() {
                say("\(e.sequence)  \(e.recordedAt)  \(e.action)  \(e.actor)  \(e.subject)  \(e.details)")
            }
        }
    }
}
