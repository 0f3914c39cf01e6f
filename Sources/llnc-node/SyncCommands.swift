import ArgumentParser
import Foundation
import LLNCNode
import LLNCProtocol
import Logging
import ServiceLifecycle

/// `llnc-node push`: sends what the outbox holds, once.
struct PushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push", abstract: "Send the outbox's sealed envelopes to the hub, oldest first.")
    @OptionGroup var node: NodeOptions

    func run() async throws {
        let directory = node.directory
        let identity = try SiteIdentity.load(nodeDirectory: directory.url)
        let store = try directory.openStore()
        let sealed = try store.sealApprovedBatches(identity: identity, now: Int64(Date().timeIntervalSince1970))
        if !sealed.isEmpty { print("sealed \(sealed.count) approved batches into the outbox") }
        guard try store.outbox().headRetryTime() != nil else {
            return print(try Self.nothingToSend(store))
        }
        let report = try await Push(outbox: store.outbox(), identity: identity).run()
        print("delivered \(report.delivered.count), refused \(report.rejected.count), still pending \(report.stillPending)")
        for rejection in report.rejected {
            print("refused: envelope \(rejection.sequence): \(rejection.code): \(rejection.detail)")
        }
        if let reason = report.stoppedBecause {
            print("stopped: \(reason)")
            throw ExitCode(report.rejected.isEmpty ? 75 : 1)
        }
    }
}

extension PushCommand {
    /// What an analyst who expected something to go needs to hear: which batches wait for
    /// how many approvals, and the command that gives one.
    static func nothingToSend(_ store: NodeStore) throws -> String {
        let waiting = try store.indicators().batchesAwaitingApproval()
        guard !waiting.isEmpty else {
            return "nothing to send: the outbox is empty and no computed batch awaits approval (`llnc-node compute` makes one)"
        }
        return
            (["nothing to send yet: \(waiting.count == 1 ? "a batch awaits" : "\(waiting.count) batches await") approval"]
            + waiting.map {
                "  batch \($0.batch) (\($0.period)): \($0.approvals) of \($0.required) approvals; `llnc-node review \($0.batch)`, then `llnc-node approve \($0.batch) --by NAME`"
            }).joined(separator: "\n")
    }
}

/// `llnc-node status`: what is pending, delivered and refused.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the outbox: what is pending, delivered and refused, with the hub's reasons.")
    @OptionGroup var node: NodeOptions

    func run() throws {
        let entries = try node.directory.openStore().outbox().entries()
        guard !entries.isEmpty else { return print("the outbox is empty: nothing has been sealed yet") }
        for entry in entries {
            var line =
                "\(entry.sequence)  \(entry.state.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))  batch \(entry.batch)  \(entry.cellCount) cells"
            switch entry.state {
            case .pending where entry.attempts > 0:
                line += "  \(entry.attempts) failed attempts, next at \(Timestamp.format(entry.nextAttemptAt)): \(entry.lastError ?? "")"
            case .rejected:
                line += "  \(entry.reasonCode ?? ""): \(entry.lastError ?? "")"
            default:
                break
            }
            print(line)
        }
    }
}

/// `llnc-node export-bundle`: for a site with no network path to the hub.
struct ExportBundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-bundle",
        abstract: "Write the pending envelopes to a file for the hub operator (`llnc-hub import-bundle`).")
    @OptionGroup var node: NodeOptions
    @Option(help: "The bundle file to write (must not exist).") var out: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: out) else { throw ValidationError("\(out) exists; choose a new file name") }
        let store = try node.directory.openStore()
        guard try store.outbox().headRetryTime() != nil else { return print(try PushCommand.nothingToSend(store)) }
        let count = try OfflineBundle.export(from: store.outbox(), to: URL(fileURLWithPath: out))
        print("wrote \(count) sealed envelopes to \(out); give it to the hub operator, then run `llnc-node import-answers` on the file they return")
    }
}

/// `llnc-node import-answers`: settles the outbox from the hub operator's answers file.
struct ImportAnswersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-answers", abstract: "Settle envelopes from the answers file `llnc-hub import-bundle` wrote.")
    @OptionGroup var node: NodeOptions
    @Argument(help: "The answers file (JSON lines).") var answers: String

    func run() throws {
        let directory = node.directory
        let settlement = try OfflineBundle.settle(
            answers: URL(fileURLWithPath: answers), outbox: directory.openStore().outbox(),
            identity: SiteIdentity.load(nodeDirectory: directory.url), now: Int64(Date().timeIntervalSince1970))
        print("delivered \(settlement.delivered), refused \(settlement.rejected), not for this node \(settlement.unattributed)")
    }
}

/// `llnc-node run`: the long-running service that pushes on a schedule.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Push the outbox on a schedule until stopped (SIGTERM or Ctrl-C).")
    @OptionGroup var node: NodeOptions
    @Option(help: "Seconds between pushes when nothing is waiting for a retry.") var interval = 300

    func run() async throws {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let logger = Logger(label: "llnc-node")
        let directory = node.directory
        let store = try directory.openStore()
        let identity = try SiteIdentity.load(nodeDirectory: directory.url)
        let push = Push(outbox: store.outbox(), identity: identity)
        let service = OutboxService(
            push: push, interval: .seconds(max(1, interval)), logger: logger,
            sealApproved: { try store.sealApprovedBatches(identity: identity, now: Int64(Date().timeIntervalSince1970)).count })
        let group = ServiceGroup(
            services: [service],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
