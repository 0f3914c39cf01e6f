import Foundation
import Hummingbird
import HummingbirdTesting
import LLNCProtocol
import LLNCTestSupport
import Logging
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The scale-out test: two real `llnc-hub serve` processes share one PostgreSQL
/// database (each its own hub directory with the same keys, the store named in its `store`
/// file). Several sites push at once, and every envelope goes to both processes at the same
/// moment: each answer is a receipt that verifies, both receipts are the same bytes, and the
/// database holds every submission once with every cell.
@Suite(.timeLimit(.minutes(10)))
struct TwoHubProcessesTests {
    static let sites = [("353", "E08000004"), ("354", "E08000005"), ("815", "E06000065"), ("850", "E10000014")]
    static let batchesPerSite = 8
    static let cellsPerBatch = 30

    @Test(.disabled(if: TestPostgres.url == nil && !TestPostgres.required, TestPostgres.skipReason))
    func twoProcessesOnOneDatabaseStoreEverySubmissionOnce() async throws {
        let binary = try #require(BuiltBinary.url("llnc-hub"), "build llnc-hub first (swift build --build-tests builds it)")
        try await TestPostgres.withDatabase { location in
            let first = try TemporaryDirectory("llnc-hub-a")
            let second = try TemporaryDirectory("llnc-hub-b")
            defer {
                first.remove()
                second.remove()
            }
            let identity = try HubIdentity.create(in: first.url)
            try FileManager.default.copyItem(at: first.url.appendingPathComponent("keys"), to: second.url.appendingPathComponent("keys"))
            for directory in [first.url, second.url] {
                _ = try HubConfiguration.publish(TestCatalogue.terms, in: directory)
                try Data("# the hub's store (HubStoreChoice)\n\(location)\n".utf8).write(to: HubStoreChoice.fileURL(in: directory))
            }
            let envelopes = try await Self.enrolSites(through: first.url, store: "\(location)", identity: identity)

            let wait = ["--store-wait", "\(Int(TestPostgres.firstConnection.components.seconds))"]
            let servers = [
                HubServerProcess(binary: binary, directory: first.url, arguments: wait),
                HubServerProcess(binary: binary, directory: second.url, arguments: wait),
            ]
            for server in servers { try await server.start() }
            var ports: [Int] = []
            for server in servers { ports.append(try #require(await server.port)) }
            let answered = try await withThrowingTaskGroup(of: Int.self) { group in
                for siteEnvelopes in envelopes {
                    group.addTask { [ports] in
                        try await Self.pushToBoth(siteEnvelopes, ports: ports, hubSigningKey: identity.signing.publicKey)
                    }
                }
                return try await group.reduce(0, +)
            }
            for server in servers { await server.stop() }

            let total = Self.sites.count * Self.batchesPerSite
            #expect(answered == total)
            try await PostgresHubStore(location: location, logger: TestPostgres.logger).whileRunning(firstConnection: TestPostgres.firstConnection) {
                store in
                let counts = try await store.counts()
                #expect(counts.submissions == total && counts.cells == total * Self.cellsPerBatch)
                #expect(try await store.events().filter { $0.kind == .accepted }.count == total)
                for (la, _) in Self.sites {
                    #expect(try await store.replayFacts(laNumber: la, submissionID: "").highestAcceptedSequence == UInt64(Self.batchesPerSite))
                    #expect(try await store.currentCells(laNumber: la).count == Self.cellsPerBatch)
                }
            }
        }
    }

    /// Enrols every site through the hub directory with `--store`'s choice, as
    /// `llnc-hub sites invite` would, and seals each site's batches in sequence order.
    static func enrolSites(through directory: URL, store: String, identity: HubIdentity) async throws -> [[Envelope]] {
        let hubKey = Envelope.HubSealingKey(publicKey: identity.sealing.publicKey)
        let createdAt = Timestamp.format(Int64(Date().timeIntervalSince1970) - 60)
        let keys = sites.map { _ in SigningKeyPair.generate() }
        try await HubDirectory.withOpened(directory, storeFlag: store, logger: TestPostgres.logger) { hub in
            guard case .postgres = hub.storeChoice else { throw ChoiceIgnored() }
            for ((la, ons), key) in zip(sites, keys) {
                let token = try await hub.siteRegister.invite(laNumber: la)
                let site = try SiteID(laNumber: la, onsCode: ons)
                _ = try await hub.siteRegister.enrol(json: EnrolmentRequest.make(site: site, token: token, siteKey: key).jsonBytes())
            }
        }
        return try zip(sites, keys).map { (site, key) in
            let id = try SiteID(laNumber: site.0, onsCode: site.1)
            return try (1...batchesPerSite).map { sequence in
                let cells = (0..<cellsPerBatch).map { i in
                    Cell(
                        indicator: "cla_starts", definitionVersion: 1, period: "2024-25", breakdown: ["age_band": "band_\(i)"],
                        unit: .count, status: .rounded, value: String(10 + 5 * ((i + sequence) % 40)), reason: "rounded:base5")
                }
                let payload = Payload(
                    site: id, submissionID: UUID().uuidString.lowercased(), sequence: UInt64(sequence), catalogueVersion: "2025.1",
                    cells: cells)
                return try Envelope.seal(payload, createdAt: createdAt, siteKey: key, hubKey: hubKey)
            }
        }
    }

    struct ChoiceIgnored: Error {}

    /// Sends each envelope to both processes at once and waits for both answers before the
    /// next (a site's sequence rises). Both must be 200 with a receipt that verifies, and
    /// the same bytes: one process stored it, the other answered with that stored receipt.
    static func pushToBoth(_ envelopes: [Envelope], ports: [Int], hubSigningKey: [UInt8]) async throws -> Int {
        var answered = 0
        for envelope in envelopes {
            let body = ByteBuffer(bytes: envelope.jsonBytes())
            let receipts = try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
                for port in ports {
                    group.addTask {
                        let response = try await TestClient.withClient(
                            host: "127.0.0.1", port: port, configuration: .init(timeout: TestTime.scaled(.seconds(30))),
                            operation: { client in try await client.post("/v1/submissions", body: body) })
                        guard response.status == .ok, let bytes = response.body?.bytes,
                            (try? Receipt.decode(json: bytes).verify(hubSigningKey: hubSigningKey, for: envelope.header)) != nil
                        else { return nil }
                        return bytes
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(receipts.count == 2 && receipts.allSatisfy { $0 != nil } && receipts[0] == receipts[1])
            if receipts.allSatisfy({ $0 != nil }) { answered += 1 }
        }
        return answered
    }
}
