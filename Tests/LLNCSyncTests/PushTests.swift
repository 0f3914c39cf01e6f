import Foundation
import GRDB
import LLNCNode
import LLNCProtocol
import LLNCTestSupport
import Testing

@Suite(.timeLimit(.minutes(10)), .serialized)
struct PushTests {
    static let cells = [
        Cell(indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: .rounded, value: "145", reason: "rounded:base5"),
        Cell(
            indicator: "cla_starts", definitionVersion: 1, period: "2024-25", breakdown: ["age_band": "0-1"], unit: .count,
            status: .suppressed, symbol: .confidential, reason: "primary:threshold"),
    ]
    static let belowThreshold = [
        Cell(indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: .published, value: "4")
    ]
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// A hub, a node enrolled with it, and the node's outbox in a file-backed store.
    struct Federation {
        let hub: HubUnderTest
        let node: TemporaryDirectory
        let identity: SiteIdentity
        let outbox: Outbox

        static func start() async throws -> Federation {
            let hub = try await HubUnderTest.start()
            let node = try TemporaryDirectory("llnc-sync-node")
            let identity = try await SiteIdentity.enrol(
                nodeDirectory: node.url, hubURL: await hub.url, token: try await hub.invite("353"),
                site: EnrolmentTests.oldham, now: PushTests.now)
            let outbox = try Outbox(DatabaseQueue(path: node.url.appendingPathComponent("node.sqlite").path))
            return Federation(hub: hub, node: node, identity: identity, outbox: outbox)
        }

        func push(via url: URL? = nil) async throws -> Push.Report {
            try await Push(outbox: outbox, identity: identity, client: url.map { HubClient(baseURL: $0) }).run()
        }

        func stop() async {
            await hub.stop()
            node.remove()
        }
    }

    @Test func anApprovedBatchIsSealedPushedAndReceipted() async throws {
        let federation = try await Federation.start()
        try federation.outbox.seal(batch: "b1", cells: Self.cells, catalogueVersion: "2025.1", identity: federation.identity, now: Self.now)
        let report = try await federation.push()
        #expect(report.delivered == [1])
        #expect(report.stillPending == 0)
        let entry = try #require(try federation.outbox.entries().first)
        #expect(entry.state == .delivered)
        let receipt = try Receipt.decode(json: try #require(entry.receiptJSON))
        try receipt.verify(hubSigningKey: federation.identity.hubKeys.signingKey, for: Envelope.decode(json: entry.envelopeJSON).header)
        #expect(receipt.cellsStored == 2)
        await federation.stop()
    }

    /// The node crashed after sending but before recording the receipt: the resend is the
    /// same envelope, and the hub answers with the original receipt, byte for byte.
    @Test func aResendAfterACrashGetsTheOriginalReceipt() async throws {
        let federation = try await Federation.start()
        let entry = try federation.outbox.seal(
            batch: "b1", cells: Self.cells, catalogueVersion: "2025.1", identity: federation.identity, now: Self.now)
        let first = try await HubClient(baseURL: await federation.hub.url).submit(envelopeJSON: entry.envelopeJSON)
        let report = try await federation.push()
        #expect(report.delivered == [1])
        let stored = try #require(try federation.outbox.entries().first?.receiptJSON)
        #expect(try Receipt.decode(json: stored) == first)
        await federation.stop()
    }

    @Test func theNodeKeepsWorkingWhileTheHubIsDownAndDeliversWhenItIsBack() async throws {
        let federation = try await Federation.start()
        await federation.hub.server.stop()
        try federation.outbox.seal(batch: "b1", cells: Self.cells, catalogueVersion: "2025.1", identity: federation.identity, now: Self.now)
        try federation.outbox.seal(batch: "b2", cells: Self.cells, catalogueVersion: "2025.1", identity: federation.identity, now: Self.now)
        let down = try await federation.push()
        #expect(down.delivered.isEmpty)
        #expect(down.stillPending == 2)
        #expect(down.stoppedBecause != nil)
        #expect(try federation.outbox.pending().first?.attempts == 1)

        try await federation.hub.server.start()
        let back = try await federation.push(via: await federation.hub.url)
        #expect(back.delivered == [1, 2])
        #expect(back.stillPending == 0)
        await federation.stop()
    }

    /// A permanent refusal is recorded with the hub's signed reason and stops the push; the
    /// next push carries on with later envelopes (sequence gaps are allowed).
    @Test func aPermanentRejectionStopsThePushWithTheHubsReason() async throws {
        let federation = try await Federation.start()
        try federation.outbox.seal(batch: "bad", cells: Self.belowThreshold, catalogueVersion: "2025.1", identity: federation.identity, now: Self.now)
        try federation.outbox.seal(batch: "good", cells: Self.cells, catalogueVersion: "2025.1", identity: federation.identity, now: Self.now)
        let first = try await federation.push()
        #expect(first.rejected.map(\.code) == ["below-disclosure-threshold"])
        #expect(first.delivered.isEmpty)
        let rejected = try #require(try federation.outbox.entries().first)
        #expect(rejected.state == .rejected)
        #expect(rejected.receiptJSON != nil)

        let second = try await federation.push()
        #expect(second.delivered == [2])
        await federation.stop()
    }

    @Test func aBatchIsSealedOnce() async throws {
        let identity = SiteIdentity(
            site: EnrolmentTests.oldham, signingKey: .generate(), hubURL: URL(string: "http://127.0.0.1:9/")!,
            hubKeys: HubKeySet(sealingKey: SealingKeyPair.generate().publicKey, signingKey: SigningKeyPair.generate().publicKey))
        let outbox = try Outbox(DatabaseQueue())
        try outbox.seal(batch: "b1", cells: Self.cells, catalogueVersion: "2025.1", identity: identity, now: Self.now)
        #expect(throws: Outbox.Failure.batchAlreadySealed(batch: "b1", sequence: 1)) {
            try outbox.seal(batch: "b1", cells: Self.cells, catalogueVersion: "2025.1", identity: identity, now: Self.now)
        }
    }
}

@Suite(.timeLimit(.minutes(10)), .serialized)
struct OfflineBundleTests {
    /// A site with no network path: export, the operator imports with `llnc-hub
    /// import-bundle`, the answers come back and settle the outbox as a push would.
    @Test func aBundleCarriedByHandIsSettledByTheHubsAnswers() async throws {
        let federation = try await PushTests.Federation.start()
        try federation.outbox.seal(batch: "b1", cells: PushTests.cells, catalogueVersion: "2025.1", identity: federation.identity, now: PushTests.now)
        try federation.outbox.seal(
            batch: "b2", cells: PushTests.belowThreshold, catalogueVersion: "2025.1", identity: federation.identity, now: PushTests.now)
        let bundle = federation.node.url.appendingPathComponent("353.bundle.jsonl")
        let answers = federation.node.url.appendingPathComponent("353.answers.jsonl")
        #expect(try OfflineBundle.export(from: federation.outbox, to: bundle) == 2)
        _ = try await federation.hub.command(["import-bundle", bundle.path, "--answers", answers.path])
        let settlement = try OfflineBundle.settle(answers: answers, outbox: federation.outbox, identity: federation.identity, now: PushTests.now)
        #expect(settlement == OfflineBundle.Settlement(delivered: 1, rejected: 1, unattributed: 0))
        #expect(try federation.outbox.pending().isEmpty)
        await federation.stop()
    }
}
