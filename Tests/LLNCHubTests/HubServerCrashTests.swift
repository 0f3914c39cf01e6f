import Foundation
import Hummingbird
import HummingbirdTesting
import LLNCProtocol
import LLNCTestSupport
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The fault test, hub side: four sites push their batches in sequence order to a
/// real `llnc-hub serve` over loopback, retrying every failure as a node's outbox does, while
/// the hub is killed with SIGKILL at random points and restarted. In the end every batch has
/// a verified receipt and is stored exactly once. Loops are bounded in count and time.
@Suite(.timeLimit(.minutes(10)))
struct HubServerCrashTests {
    @Test func killedWhileSitesPushEveryBatchIsStoredExactlyOnce() async throws {
        let binary = try #require(CrashFixture.hubBinary(), "build llnc-hub first (swift build --build-tests builds it)")
        let fixture = try await CrashFixture.make(batchesPerSite: 40, cellsPerBatch: 50)
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let server = HubServerProcess(binary: binary, directory: fixture.directory)
        try await server.start()
        let hubSigningKey = fixture.identity.signing.publicKey
        let deadline = ContinuousClock.now.advanced(by: TestTime.scaled(.seconds(120)))

        let (delivered, retries) = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for site in fixture.envelopes {
                group.addTask { try await Self.push(site, to: server, hubSigningKey: hubSigningKey, until: deadline) }
            }
            group.addTask {
                for _ in 0..<4 {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 100...600)))
                    await server.killHard()
                    try await server.start()
                }
                return (0, 0)
            }
            return try await group.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        }
        await server.stop()
        #expect(delivered == fixture.total)
        #expect(try await fixture.storedExactlyOnce())
        print("hub crash test (serve): \(fixture.total) batches delivered, \(retries) sends retried across 4 SIGKILLs")
    }

    /// One site's outbox: each envelope is sent until a receipt that verifies comes back;
    /// a refused connection, a reset or a 5xx is retried after a short pause. Returns how
    /// many were delivered and how many sends were retried.
    static func push(_ envelopes: [Envelope], to server: HubServerProcess, hubSigningKey: [UInt8], until deadline: ContinuousClock.Instant)
        async throws -> (delivered: Int, retries: Int)
    {
        var delivered = 0
        var retries = 0
        for envelope in envelopes {
            let body = ByteBuffer(bytes: envelope.jsonBytes())
            while true {
                guard ContinuousClock.now < deadline else { throw PushFailure.gaveUp(envelope.header.sequence) }
                if let port = await server.port,
                    let response = try? await TestClient.withClient(
                        host: "127.0.0.1", port: port, configuration: .init(timeout: TestTime.scaled(.seconds(5))),
                        operation: { client in try await client.post("/v1/submissions", body: body) }),
                    response.status == .ok, let bytes = response.body?.bytes,
                    (try? Receipt.decode(json: bytes).verify(hubSigningKey: hubSigningKey, for: envelope.header)) != nil
                {
                    delivered += 1
                    break
                }
                retries += 1
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        return (delivered, retries)
    }

    enum PushFailure: Error {
        case gaveUp(UInt64)
    }
}
