import Foundation
import HTTPTypes
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

@Suite(.timeLimit(.minutes(10)))
struct HubServerTests {
    private func app(_ hub: HubFixture, requestTimeout: Duration = .seconds(60)) -> some ApplicationProtocol {
        var configuration = hub.configuration
        configuration.requestTimeout = requestTimeout
        configuration.port = 0
        return buildApplication(
            configuration: configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
    }

    @Test func enrolThenPushLandsAndARepeatIsADuplicate() async throws {
        let hub = try HubFixture()
        let token = try await hub.register.invite(laNumber: "353")
        let enrolment = EnrolmentRequest.make(site: HubFixture.oldham, token: token, siteKey: HubFixture.siteKey)
        let envelope = try HubFixture.envelope()
        try await app(hub).test(.router) { client in
            let keys = try await client.execute(uri: "/v1/enrol", method: .post, body: ByteBuffer(bytes: enrolment.jsonBytes())) { response in
                #expect(response.status == .ok)
                return try HubKeySet.decode(json: response.body.bytes)
            }
            try keys.check(pinned: token.hubKeysPin)
            let first = try await client.execute(uri: "/v1/submissions", method: .post, body: ByteBuffer(bytes: envelope.jsonBytes())) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.llncOutcome] == "accepted")
                return response.body.bytes
            }
            try Receipt.decode(json: first).verify(hubSigningKey: keys.signingKey, for: envelope.header)
            try await client.execute(uri: "/v1/submissions", method: .post, body: ByteBuffer(bytes: envelope.jsonBytes())) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.llncOutcome] == "duplicate")
                #expect(response.body.bytes == first)
            }
        }
        #expect(try await hub.store.counts().submissions == 1)
    }

    @Test func aRefusalAfterAuthenticationIsAProblemWithASignedReceipt() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        let envelope = try HubFixture.envelope(cells: HubFixture.cells(count: 2, smallest: 3))
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/v1/submissions", method: .post, body: ByteBuffer(bytes: envelope.jsonBytes())) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                #expect(problem.code == "below-disclosure-threshold" && problem.type == "urn:llnc:problem:below-disclosure-threshold")
                let receipt = try #require(problem.receipt)
                try receipt.verify(hubSigningKey: HubFixture.identity.signing.publicKey, for: envelope.header)
                #expect(receipt.outcome == .rejected)
            }
        }
        #expect(try await hub.store.counts().submissions == 0)
    }

    @Test func anUnknownSiteGetsAPlainProblem() async throws {
        let hub = try HubFixture()
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/v1/submissions", method: .post, body: ByteBuffer(bytes: HubFixture.envelope().jsonBytes())) { response in
                #expect(response.status == .unauthorized)
                let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                #expect(problem.code == "unknown-signer" && problem.receipt == nil && !problem.retryable)
            }
        }
    }

    /// With `Content-Length` over the limit the body is refused before it is read; without
    /// one, as soon as the bytes read pass the limit.
    @Test(arguments: [true, false])
    func anOversizeBodyIsRefusedWith413(declared: Bool) async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        let before = try await hub.store.counts()
        let body = ByteBuffer(repeating: UInt8(ascii: " "), count: Limits.maxEnvelopeBytes + 1)
        let headers: HTTPFields = declared ? [.contentLength: String(body.readableBytes)] : [:]
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/v1/submissions", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.connection] == "close")
                let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                #expect(problem.code == "too-large")
            }
        }
        #expect(try await hub.store.counts() == before)
    }

    /// A zero deadline has passed when the first chunk arrives: the same path a client that
    /// trickles its body for longer than the deadline takes, without waiting on the clock.
    @Test func aBodyNotReceivedInTimeIsRefusedWith408() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        try await app(hub, requestTimeout: .zero).test(.router) { client in
            try await client.execute(uri: "/v1/submissions", method: .post, body: ByteBuffer(bytes: HubFixture.envelope().jsonBytes())) { response in
                #expect(response.status == .requestTimeout)
                let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                #expect(problem.code == "request-timeout" && problem.retryable)
            }
        }
        #expect(try await hub.store.counts().submissions == 0)
    }

    /// The same push over a real socket on 127.0.0.1 (a port the system picks).
    @Test func aPushLandsOverARealSocket() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        let envelope = try HubFixture.envelope()
        try await LiveServer.run(app(hub)) { client in
            try await client.execute(uri: "/v1/submissions", method: .post, body: ByteBuffer(bytes: envelope.jsonBytes())) { response in
                #expect(response.status == .ok)
                try Receipt.decode(json: (response.body ?? ByteBuffer()).bytes).verify(
                    hubSigningKey: HubFixture.identity.signing.publicKey, for: envelope.header)
            }
        }
        #expect(try await hub.store.counts().submissions == 1)
    }

    @Test func protocolHealthAndUnknownRoutesAnswer() async throws {
        let hub = try HubFixture()
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/v1/protocol", method: .get) { response in
                let info = try JSONSerialization.jsonObject(with: Data(response.body.bytes)) as? [String: Any]
                #expect(info?["supported_versions"] as? [Int] == [1])
                #expect(info?["sealing_key_id"] as? String == HubFixture.identity.sealing.keyID.hex)
                #expect(info?["signing_key_id"] as? String == HubFixture.identity.signing.keyID.hex)
                #expect(info?["catalogue_versions"] as? [String] == [TestCatalogue.version])
            }
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }
}

extension ByteBuffer {
    var bytes: [UInt8] { getBytes(at: readerIndex, length: readableBytes) ?? [] }
}
