import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LLNCProtocol
import LLNCTestSupport
import Synchronization
import Testing

@testable import LLNCHubCore
@testable import LLNCHubServer

/// Requests that do not authenticate cannot grow the permanent event log or blame the site
/// they name, and a source that keeps sending them is slowed down (429) without touching
/// sites that authenticate.
@Suite(.timeLimit(.minutes(10)))
struct UnauthenticatedRefusalTests {
    /// Site 353's envelope with 64 random bytes for a signature.
    static func forged() throws -> [UInt8] {
        var envelope = try HubFixture.envelope()
        envelope.signature = SecureRandom.bytes(64)
        return envelope.jsonBytes()
    }

    @Test(arguments: StoreKind.underTest)
    func twoHundredForgedSignaturesNamingASiteAreCountedNotLoggedAsItsEvents(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            let before = try await hub.store.events()
            for _ in 0..<200 {
                #expect(try await hub.ingest.ingest(Self.forged()).code == "signature-invalid")
            }
            #expect(try await hub.store.events() == before, "no event names site 353")
            #expect(try await hub.store.unauthenticatedRefusals() == [.init(day: "2025-05-01", code: "signature-invalid", count: 200)])
        }
    }

    @Test(arguments: StoreKind.underTest)
    func countsAreKeptByDayAndDroppedAfter400Days(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let store = under.store
            try await store.countUnauthenticatedRefusal(code: "malformed", at: HubFixture.now)
            try await store.countUnauthenticatedRefusal(code: "malformed", at: HubFixture.now + 86_400)
            try await store.countUnauthenticatedRefusal(code: "unknown-signer", at: HubFixture.now + 86_400)
            #expect(
                try await store.unauthenticatedRefusals() == [
                    .init(day: "2025-05-01", code: "malformed", count: 1), .init(day: "2025-05-02", code: "malformed", count: 1),
                    .init(day: "2025-05-02", code: "unknown-signer", count: 1),
                ])
            try await store.countUnauthenticatedRefusal(code: "malformed", at: HubFixture.now + 402 * 86_400)
            #expect(try await store.unauthenticatedRefusals().map(\.day) == ["2026-06-07"])
        }
    }

    /// A clock the test moves.
    final class TestClock: Sendable {
        let seconds = Mutex(HubFixture.now)
        func advance(_ by: Int64) { seconds.withLock { $0 += by } }
    }

    static func post(
        _ client: some TestClientProtocol, _ body: [UInt8], from source: String
    ) async throws -> (HTTPResponse.Status, String?) {
        try await client.execute(
            uri: "/v1/submissions", method: .post, headers: [HTTPField.Name("X-Real-IP")!: source], body: ByteBuffer(bytes: body)
        ) { ($0.status, $0.headers[.retryAfter]) }
    }

    @Test func aSourceWithThirtyRefusalsInAMinuteIsAnswered429UntilTheMinuteEnds() async throws {
        var hub = try HubFixture()
        try await hub.enrol()
        let clock = TestClock()
        hub.clock = { clock.seconds.withLock { $0 } }
        let app = buildApplication(
            configuration: hub.configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
        try await app.test(.router) { client in
            for _ in 0..<30 { #expect(try await Self.post(client, Self.forged(), from: "203.0.113.7").0 == .unauthorized) }
            let (status, retryAfter) = try await Self.post(client, Self.forged(), from: "203.0.113.7")
            #expect(status == .tooManyRequests && retryAfter == "60")
            // Another source is not held back by the first one's refusals.
            #expect(try await Self.post(client, Self.forged(), from: "198.51.100.9").0 == .unauthorized)
            clock.advance(60)
            #expect(try await Self.post(client, Self.forged(), from: "203.0.113.7").0 == .unauthorized)
        }
        #expect(try await hub.store.unauthenticatedRefusals().map(\.count).reduce(0, +) == 32, "the 429 was answered before any check")
    }

    @Test func aSiteThatAuthenticatesIsNeverLimited() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        let envelope = try HubFixture.envelope().jsonBytes()
        let app = buildApplication(
            configuration: hub.configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
        try await app.test(.router) { client in
            for _ in 0..<60 {
                let (status, _) = try await Self.post(client, envelope, from: "203.0.113.7")
                #expect(status == .ok)
            }
        }
    }

    @Test func theSourceIsTheProxysClientOnlyWhenThePeerIsThisMachine() throws {
        let request = Request(
            head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/", headerFields: [HTTPField.Name("X-Real-IP")!: "203.0.113.7"]),
            body: .init(buffer: ByteBuffer()))
        #expect(RefusalLimit.source(request, remoteAddress: try .init(ipAddress: "127.0.0.1", port: 5000)) == "203.0.113.7")
        #expect(RefusalLimit.source(request, remoteAddress: try .init(ipAddress: "198.51.100.9", port: 5000)) == "198.51.100.9")
    }

    /// A browser made to fetch bad links (GETs without credentials) cannot spend a council's
    /// allowance; one IPv6 subscriber is one source however it rotates through its /64.
    @Test func onlyAttemptsCountAndAnIPv6SubscriberIsOneSource() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        let app = buildApplication(
            configuration: hub.configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
        try await app.test(.router) { client in
            for _ in 0..<40 {
                let status = try await client.execute(
                    uri: "/v1/sites", method: .get, headers: [HTTPField.Name("X-Real-IP")!: "203.0.113.7"]
                ) { $0.status }
                #expect(status == .unauthorized)
            }
            let (status, _) = try await Self.post(client, HubFixture.envelope().jsonBytes(), from: "203.0.113.7")
            #expect(status == .ok, "the council's node is not held back by its visitors' browsers")
            for n in 0..<30 {
                _ = try await Self.post(client, Self.forged(), from: "2001:db8:1:2::\(String(n, radix: 16))")
            }
            #expect(try await Self.post(client, Self.forged(), from: "2001:db8:1:2:ffff::1").0 == .tooManyRequests)
            #expect(try await Self.post(client, Self.forged(), from: "2001:db8:1:3::1").0 == .unauthorized)
        }
        #expect(RefusalLimit.key("::ffff:198.51.100.9") == "198.51.100.9")
        #expect(RefusalLimit.key("2001:db8:1:2::5") == "20010db800010002::/64")
    }

    @Test func theLimitKeepsAtMostItsNumberOfSources() {
        let limit = RefusalLimit(limit: 2, window: 60, maxSources: 3)
        limit.recordRefusal(source: "s0", now: HubFixture.now)
        limit.recordRefusal(source: "s0", now: HubFixture.now)
        #expect(limit.retryAfter(source: "s0", now: HubFixture.now + 1) == 59)
        for source in 1..<10 { limit.recordRefusal(source: "s\(source)", now: HubFixture.now + Int64(source)) }
        #expect(limit.trackedSources == 3)
        #expect(limit.retryAfter(source: "s0", now: HubFixture.now + 10) == nil, "the oldest window made room")
        limit.recordRefusal(source: "s9", now: HubFixture.now + 9)
        #expect(limit.retryAfter(source: "s9", now: HubFixture.now + 10) == 59)
    }
}
