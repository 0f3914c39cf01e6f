import Foundation
import GRDB
import LLNCNode
import LLNCProtocol
import LLNCTestSupport
import Testing

/// The fault test with real node outboxes: four enrolled nodes push 250 sealed
/// batches each to a real `llnc-hub serve` while the hub is killed with SIGKILL at random
/// points and restarted. Every node retries as `llnc-node run` does. In the end every batch
/// is delivered with a verified receipt and the hub stores each exactly once. Bounded in
/// count and time; the kill points come from a seeded generator so a failure reproduces.
@Suite(.timeLimit(.minutes(10)), .serialized)
struct HubCrashDeliveryTests {
    static let sites: [(String, String)] = [("353", "E08000004"), ("354", "E08000005"), ("815", "E06000065"), ("850", "E10000014")]
    static let batchesPerNode = 250

    @Test func killedHubStillGetsEveryBatchExactlyOnce() async throws {
        let hub = try await HubUnderTest.start()
        var enrolled: [(identity: SiteIdentity, outbox: Outbox, directory: TemporaryDirectory)] = []
        for (la, ons) in Self.sites {
            let directory = try TemporaryDirectory("llnc-crash-node")
            let identity = try await SiteIdentity.enrol(
                nodeDirectory: directory.url, hubURL: await hub.url, token: try await hub.invite(la),
                site: try SiteID(laNumber: la, onsCode: ons), now: PushTests.now)
            let outbox = try Outbox(DatabaseQueue(path: directory.url.appendingPathComponent("node.sqlite").path))
            for batch in 0..<Self.batchesPerNode {
                try outbox.seal(batch: "b\(batch)", cells: PushTests.cells, catalogueVersion: "2025.1", identity: identity, now: PushTests.now)
            }
            enrolled.append((identity, outbox, directory))
        }
        let nodes = enrolled
        defer { for node in nodes { node.directory.remove() } }

        let deadline = ContinuousClock.now.advanced(by: TestTime.scaled(.seconds(240)))
        let server = hub.server
        try await withThrowingTaskGroup(of: Void.self) { group in
            for node in nodes {
                group.addTask {
                    while try !node.outbox.pending().isEmpty {
                        guard ContinuousClock.now < deadline else { throw GaveUp(site: node.identity.site.laNumber) }
                        if let port = await server.port {
                            let push = Push(
                                outbox: node.outbox, identity: node.identity,
                                client: HubClient(baseURL: URL(string: "http://127.0.0.1:\(port)/")!, timeout: TestTime.scaledSeconds(5)))
                            let report = try await push.run()
                            #expect(report.rejected.isEmpty, "a batch was refused: \(report.rejected)")
                        }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
            }
            group.addTask {
                // Kill at points of progress, not of time, so the faults land mid-delivery
                // however fast the machine is: after 10%, 30%, 50%, 70% and 90% delivered.
                var random = SplitMix64(seed: 250)
                let total = nodes.count * Self.batchesPerNode
                for fraction in [0.1, 0.3, 0.5, 0.7, 0.9] {
                    while try nodes.map({ try $0.outbox.pending().count }).reduce(0, +) > Int(Double(total) * (1 - fraction)) {
                        guard ContinuousClock.now < deadline else { return }
                        try await Task.sleep(for: .milliseconds(5))
                    }
                    await server.killHard()
                    try await Task.sleep(for: .milliseconds(Int(random.next() % 200)))
                    try await server.start()
                }
            }
            try await group.waitForAll()
        }

        for node in nodes {
            let entries = try node.outbox.entries()
            #expect(entries.count == Self.batchesPerNode && entries.allSatisfy { $0.state == .delivered })
            for entry in entries {
                let receipt = try Receipt.decode(json: try #require(entry.receiptJSON))
                try receipt.verify(hubSigningKey: node.identity.hubKeys.signingKey, for: Envelope.decode(json: entry.envelopeJSON).header)
            }
        }
        let failedSends = try nodes.flatMap { try $0.outbox.entries() }.map(\.attempts).reduce(0, +)
        print(
            "node crash test: \(nodes.count * Self.batchesPerNode) batches from \(nodes.count) nodes delivered across 5 SIGKILLs; \(failedSends) sends failed and were retried"
        )
        await server.stop()
        let stored = try await DatabaseQueue(path: hub.directory.url.appendingPathComponent("hub.sqlite").path).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM submission") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT submission_id) FROM cell") ?? -1,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cell") ?? -1
            )
        }
        let total = Self.sites.count * Self.batchesPerNode
        #expect(stored.0 == total)
        #expect(stored.1 == total)
        #expect(stored.2 == total * PushTests.cells.count)
        hub.directory.remove()
    }

    struct GaveUp: Error { let site: String }
}
