import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LLNCProtocol
import NIOCore
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// `/healthz`, `/readyz`, `/metrics` and the request log: what an operator watches.
@Suite(.timeLimit(.minutes(10)))
struct HubOperationsTests {
    private func app(
        _ hub: HubFixture, store: (any HubStorage)? = nil, metricsPublic: Bool = false, readinessTimeout: Duration = .seconds(2)
    ) -> some ApplicationProtocol {
        var configuration = hub.configuration
        configuration.port = 0
        configuration.metricsPublic = metricsPublic
        configuration.readinessTimeout = readinessTimeout
        return buildApplication(
            configuration: configuration, store: store ?? hub.store, identity: HubFixture.identity,
            logger: hub.logger, clock: hub.clock)
    }

    @Test func healthzAndReadyzAnswerWhenTheStoreDoes() async throws {
        let hub = try HubFixture()
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSONSerialization.jsonObject(with: Data(response.body.bytes)) as? [String: String]
                #expect(body?["status"] == "ready" && body?["store"] == "reachable" && body?["keys"] == "loaded")
            }
        }
    }

    /// A PostgreSQL store whose server is down (nothing listens on the port): the process is
    /// alive, so `/healthz` is 200, but `/readyz` is a 503 problem within the deadline.
    @Test func readyzIsAProblemWhenTheDatabaseIsDown() async throws {
        let hub = try HubFixture()
        let down = PostgresHubStore(
            location: PostgresLocation(host: "127.0.0.1", port: 1, username: "nobody", database: "none", tls: .disable),
            logger: TestPostgres.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await down.run() }
            defer { group.cancelAll() }
            try await app(hub, store: down, readinessTimeout: .milliseconds(500)).test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
                try await client.execute(uri: "/readyz", method: .get) { response in
                    #expect(response.status == .serviceUnavailable)
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                    #expect(problem.code == "not-ready" && problem.retryable)
                }
            }
        }
    }

    /// Submissions by outcome and refusal code, ingest and request latency by route
    /// template, and the store's size; no site, submission id or value in any label.
    @Test func metricsCountOutcomesAndLatencyWithoutRecordLevelValues() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        let envelope = try HubFixture.envelope(cells: HubFixture.cells(count: 4, smallest: 12345))
        let refused = try HubFixture.envelope(sequence: 2, cells: HubFixture.cells(count: 2, smallest: 3))
        try await LiveServer.run(app(hub)) { client in
            for wire in [envelope.jsonBytes(), envelope.jsonBytes(), refused.jsonBytes()] {
                _ = try await client.execute(uri: "/v1/submissions", method: .post, body: ByteBuffer(bytes: wire))
            }
            _ = try await client.execute(uri: "/v1/no/such/route/12345", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                let lines = String(decoding: (response.body ?? ByteBuffer()).bytes, as: UTF8.self).split(separator: "\n").map(String.init)
                func value(_ name: String, _ labels: [String] = []) -> Double? {
                    lines.first { line in
                        line.hasPrefix(name + (labels.isEmpty ? " " : "{")) && labels.allSatisfy { line.contains($0) }
                    }?.split(separator: " ").last.flatMap { Double($0) }
                }
                #expect(value("llnc_submissions_total", [#"outcome="accepted""#]) == 1)
                #expect(value("llnc_submissions_total", [#"outcome="duplicate""#]) == 1)
                #expect(value("llnc_submissions_total", [#"outcome="rejected""#, #"code="below-disclosure-threshold""#]) == 1)
                #expect(value("llnc_ingest_duration_seconds_count", [#"outcome="accepted""#]) == 1)
                #expect(value("llnc_http_request_duration_seconds_count", [#"route="/v1/submissions""#, #"method="POST""#]) == 3)
                #expect(value("llnc_http_requests_total", [#"route="unmatched""#, #"status="404""#]) == 1)
                #expect(value("llnc_store_sites") == 1)
                #expect(value("llnc_store_submissions") == 1)
                #expect(value("llnc_store_cells") == 4)
                let text = lines.joined(separator: "\n")
                for secret in ["\"353\"", "E08000004", envelope.header.submissionID, "\"12345\"", "no/such/route"] {
                    #expect(!text.contains(secret), "metrics carry \(secret)")
                }
            }
        }
    }

    /// Without `--metrics-public`, a client that is not on this machine gets a 403 problem.
    /// (The router test has no socket, so no loopback address: it stands for a remote client.)
    @Test func metricsAreForLoopbackClientsUnlessPublic() async throws {
        let hub = try HubFixture()
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .forbidden)
                let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                #expect(problem.code == "forbidden" && problem.detail.contains("--metrics-public"))
            }
        }
        try await app(hub, metricsPublic: true).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in #expect(response.status == .ok) }
        }
        #expect(isLoopback(try SocketAddress(ipAddress: "127.0.0.1", port: 1)))
        #expect(isLoopback(try SocketAddress(ipAddress: "::1", port: 1)))
        #expect(!isLoopback(try SocketAddress(ipAddress: "10.1.2.3", port: 1)))
        #expect(!isLoopback(try SocketAddress(ipAddress: "2001:db8::1", port: 1)))
        #expect(!isLoopback(nil))
    }

    /// One line per request: route template, method, status, duration; never the raw path.
    @Test func eachRequestIsOneStructuredLogLine() async throws {
        let logs = CapturedLogs()
        var hub = try HubFixture()
        hub.logger = logs.logger()
        try await app(hub).test(.router) { client in
            _ = try await client.execute(uri: "/healthz", method: .get)
            _ = try await client.execute(uri: "/private/path/E08000004", method: .get)
        }
        let requests = logs.all.filter { $0.hasPrefix("info request ") }
        #expect(requests.count == 2, "\(requests)")
        #expect(requests.first?.contains("http.route=/healthz") == true)
        #expect(requests.first?.contains("http.status=200") == true && requests.first?.contains("http.method=GET") == true)
        #expect(requests.allSatisfy { $0.contains("duration_ms=") })
        #expect(requests.last?.contains("http.route=unmatched") == true && requests.last?.contains("http.status=404") == true, "\(requests)")
        #expect(!logs.all.contains { $0.contains("private/path") || $0.contains("E08000004") })
    }
}
