import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// Roles: what an operator token, an analyst token, no token and a revoked token may do.
@Suite(.timeLimit(.minutes(10)))
struct AccessTests {
    private func app(_ hub: HubFixture, publicRead: Bool = false) -> some ApplicationProtocol {
        var configuration = hub.configuration
        configuration.publicRead = publicRead
        return buildApplication(
            configuration: configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
    }

    /// A hub with one stored release, so published routes have figures to refuse or serve.
    private func hubWithRelease() async throws -> HubFixture {
        let hub = try HubFixture()
        let metadata =
            #"{"id":"cla_starts","title":"t","description":"d","purpose":"p","unit":"count","polarity":"neither","period_type":"reporting_year","time_identifier":"Reporting year","breakdowns":[],"version":1,"comparable_versions":[],"periods":[]}"#
        _ = try await hub.store.storeRelease(
            ReleaseRecord(
                id: "2024-25.1", period: "2024-25", releasedAt: HubFixture.now, catalogueVersions: ["2025.1"], synthetic: false, published: 1,
                withheld: 0),
            documents: [ReleasedDocument(kind: .indicator, key: "cla_starts", json: Array(metadata.utf8))], ledger: [], ledgerLength: 0)
        return hub
    }

    private func token(_ hub: HubFixture, _ role: Role) async throws -> String {
        try await TokenIssuer(store: hub.store, clock: hub.clock).create(role: role, name: "test \(role)").0.description
    }

    private func bearer(_ token: String?) -> HTTPFields {
        guard let token else { return [:] }
        return [.authorization: "Bearer \(token)"]
    }

    @Test func anAnalystTokenCannotEnrolSubmitOrReachOperatorRoutes() async throws {
        let hub = try await hubWithRelease()
        let analyst = try await token(hub, .analyst)
        let before = try await hub.store.counts()
        try await app(hub).test(.router) { client in
            for (method, uri) in [
                (HTTPRequest.Method.get, "/v1/sites"), (.get, "/v1/catalogue"), (.get, "/v1/submissions"), (.get, "/v1/releases"),
                (.post, "/v1/releases?period=2024-25"),
            ] {
                try await client.execute(uri: uri, method: method, headers: bearer(analyst)) { response in
                    #expect(response.status == .forbidden, "\(method) \(uri)")
                    let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                    #expect(problem.code == "forbidden")
                }
            }
            // The protocol routes authenticate by envelope and enrolment token: a bearer token adds nothing.
            try await client.execute(uri: "/v1/enrol", method: .post, headers: bearer(analyst), body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(
                uri: "/v1/submissions", method: .post, headers: bearer(analyst), body: ByteBuffer(bytes: HubFixture.envelope().jsonBytes())
            ) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/v1/indicators", method: .get, headers: bearer(analyst)) { response in
                #expect(response.status == .ok)
            }
        }
        let after = try await hub.store.counts()
        #expect(after.sites == before.sites && after.submissions == before.submissions && after.cells == before.cells)
    }

    @Test func anOperatorTokenReachesOperatorAndPublishedRoutes() async throws {
        let hub = try await hubWithRelease()
        let operatorToken = try await token(hub, .operator)
        try await app(hub).test(.router) { client in
            for uri in ["/v1/sites", "/v1/catalogue", "/v1/submissions", "/v1/releases", "/v1/indicators"] {
                try await client.execute(uri: uri, method: .get, headers: bearer(operatorToken)) { response in
                    #expect(response.status == .ok, "\(uri)")
                }
            }
        }
    }

    /// The store reads one page at a time (never the whole event log); `next` continues it.
    @Test func theSubmissionListingComesInPagesOldestFirst() async throws {
        let hub = try HubFixture()
        try await hub.enrol()
        var ids: [String] = []
        for sequence in UInt64(1)...3 {
            let envelope = try HubFixture.envelope(sequence: sequence)
            ids.append(envelope.header.submissionID)
            _ = try await hub.ingest.ingest(envelope.jsonBytes())
        }
        _ = try await hub.ingest.ingest(HubFixture.envelope(sequence: 9, cells: HubFixture.cells(count: 1, smallest: 3)).jsonBytes())
        let accepted = ids
        let operatorToken = try await token(hub, .operator)
        struct Page: Decodable {
            struct Submission: Decodable {
                // swift-format-ignore: AlwaysUseLowerCamelCase
                let submission_id: String
            }
            let submissions: [Submission]
            let next: Int64?
        }
        try await app(hub).test(.router) { client in
            func page(_ query: String) async throws -> Page {
                try await client.execute(uri: "/v1/submissions\(query)", method: .get, headers: bearer(operatorToken)) { response in
                    #expect(response.status == .ok)
                    return try JSONDecoder().decode(Page.self, from: Data(response.body.bytes))
                }
            }
            let first = try await page("?limit=2")
            #expect(first.submissions.map(\.submission_id) == Array(accepted.prefix(2)))
            let next = try #require(first.next)
            let last = try await page("?limit=2&after=\(next)")
            #expect(last.submissions.map(\.submission_id) == [accepted[2]] && last.next == nil)
            #expect(try await page("").submissions.count == 3) // the refused one is not a submission
            for bad in ["?limit=0", "?limit=1001", "?after=-1", "?after=x"] {
                try await client.execute(uri: "/v1/submissions\(bad)", method: .get, headers: bearer(operatorToken)) { response in
                    #expect(response.status == .badRequest, "\(bad)")
                }
            }
        }
    }

    @Test(arguments: [false, true])
    func withoutATokenThereAreNoFiguresUnlessPublicReadIsOn(publicRead: Bool) async throws {
        let hub = try await hubWithRelease()
        try await app(hub, publicRead: publicRead).test(.router) { client in
            try await client.execute(uri: "/v1/indicators", method: .get) { response in
                if publicRead {
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains("cla_starts"))
                } else {
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] != nil)
                    #expect(!String(buffer: response.body).contains("cla_starts"))
                }
            }
            // Public read never opens the operator's routes.
            try await client.execute(uri: "/v1/sites", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func aRevokedTokenIsRefused() async throws {
        let hub = try await hubWithRelease()
        let (token, record) = try await TokenIssuer(store: hub.store, clock: hub.clock).create(role: .analyst, name: "leaver")
        #expect(try await hub.store.revokeAccessToken(id: record.id, at: HubFixture.now))
        try await app(hub, publicRead: false).test(.router) { client in
            try await client.execute(uri: "/v1/indicators", method: .get, headers: bearer(token.description)) { response in
                #expect(response.status == .unauthorized)
                let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                #expect(problem.code == "token-revoked")
            }
        }
    }

    @Test func aForgedOrMalformedTokenIsRefused() async throws {
        let hub = try await hubWithRelease()
        let real = try await token(hub, .operator)
        let forged = AccessToken(id: String(real.split(separator: ".")[1]), secret: [UInt8](repeating: 7, count: 32)).description
        try await app(hub).test(.router) { client in
            for candidate in [forged, "llnc-api-v1.nothex.secret", "not a token"] {
                try await client.execute(uri: "/v1/indicators", method: .get, headers: bearer(candidate)) { response in
                    #expect(response.status == .unauthorized)
                }
            }
        }
    }

    @Test func tokensAreStoredHashedAndNeverInClear() async throws {
        let sqlite = try SQLiteHubStore.inMemory()
        let hub = try HubFixture(store: sqlite)
        let (token, _) = try await TokenIssuer(store: hub.store, clock: hub.clock).create(role: .operator, name: "ops")
        let stored = try #require(try await hub.store.accessTokens().first)
        #expect(stored.secretHash == AccessToken.hash(secret: token.secret))
        #expect(stored.secretHash != token.secret)
        let dump = try await sqlite.writer.read { db in
            try String.fetchAll(db, sql: "SELECT quote(secret_hash) || id || name || role FROM access_token").joined()
        }
        #expect(!dump.contains(Hex.encode(token.secret).uppercased()) && !dump.contains(token.description))
    }

    @Test func everyQueryIsLoggedWithItsTokenRouteAndStatus() async throws {
        let hub = try await hubWithRelease()
        let (analyst, record) = try await TokenIssuer(store: hub.store, clock: hub.clock).create(role: .analyst, name: "a")
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/v1/indicators/cla_starts", method: .get, headers: bearer(analyst.description)) { _ in }
            try await client.execute(uri: "/v1/sites", method: .get, headers: bearer(analyst.description)) { _ in }
            try await client.execute(uri: "/v1/indicators", method: .get) { _ in }
        }
        let log = try await hub.store.queryLog()
        #expect(
            log == [
                QueryLogEntry(caller: record.id, route: "GET /v1/indicators/{indicator}", status: 200, at: HubFixture.now),
                QueryLogEntry(caller: record.id, route: "GET /v1/sites", status: 403, at: HubFixture.now),
                QueryLogEntry(caller: "public", route: "GET /v1/indicators", status: 401, at: HubFixture.now),
            ])
    }
}
