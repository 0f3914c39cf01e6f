import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubServer

/// A method a known path does not take is a 405 with `Allow`, not a 404 that says the path
/// does not exist; HEAD is answered wherever GET is, behind the same access check.
@Suite(.timeLimit(.minutes(10)))
struct HTTPMethodTests {
    static let table = AllowedMethods([
        (.get, "/healthz"), (.post, "/v1/submissions"), (.get, "/v1/sites/{la}/profile"), (.get, "/pages/**"),
        (.get, "/pages/sign-in"), (.post, "/pages/sign-in"), (.post, "/pages/sign-out"),
    ])

    @Test(arguments: [
        ("/healthz", "GET, HEAD, OPTIONS"), ("/v1/submissions", "OPTIONS, POST"), ("/v1/sites/353/profile", "GET, HEAD, OPTIONS"),
        ("/v1/sites/353/profile/", "GET, HEAD, OPTIONS"), ("/pages/sign-in", "GET, HEAD, OPTIONS, POST"),
        // The catch-all does not widen a literal route: sign-out takes POST only.
        ("/pages/sign-out", "OPTIONS, POST"), ("/pages/anything/deeper", "GET, HEAD, OPTIONS"),
    ])
    func aPathTakesTheMethodsOfTheRouteTheRouterWouldPick(_ path: String, _ allow: String) throws {
        let methods = try #require(Self.table.methods(forPath: path))
        #expect(methods.map(\.rawValue).joined(separator: ", ") == allow)
    }

    @Test(arguments: ["/", "/v1", "/v1/sites/353", "/v1/sites/353/profile/extra", "/pages"])
    func aPathNoRouteHasTakesNothing(_ path: String) {
        #expect(Self.table.methods(forPath: path) == nil)
    }

    private func app(_ hub: HubFixture) -> some ApplicationProtocol {
        var configuration = hub.configuration
        configuration.port = 0
        return buildApplication(
            configuration: configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger, clock: hub.clock)
    }

    @Test(arguments: [
        (HTTPRequest.Method.put, "/v1/submissions", "GET, HEAD, OPTIONS, POST"), (.trace, "/v1/protocol", "GET, HEAD, OPTIONS"),
        (.delete, "/v1/sites/353/profile", "GET, HEAD, OPTIONS"), (.get, "/v1/enrol", "OPTIONS, POST"),
        (.put, "/pages/sign-out", "OPTIONS, POST"), (.patch, "/healthz", "GET, HEAD, OPTIONS"),
    ])
    func aMethodTheRouteDoesNotTakeIs405WithAllow(_ method: HTTPRequest.Method, _ path: String, _ allow: String) async throws {
        let hub = try HubFixture()
        try await app(hub).test(.router) { client in
            try await client.execute(uri: path, method: method) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == allow)
                let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                #expect(problem.code == "method-not-allowed" && problem.status == 405 && !problem.retryable)
            }
        }
    }

    @Test func headIsAnsweredLikeGetWithoutABody() async throws {
        let hub = try HubFixture()
        try await app(hub).test(.router) { client in
            let get = try await client.execute(uri: "/v1/protocol", method: .get) { $0 }
            try await client.execute(uri: "/v1/protocol", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == get.headers[.contentType])
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    /// HEAD goes through the GET route's access check: no credentials, no answer.
    @Test func headOnAProtectedRouteNeedsTheSameCredentials() async throws {
        let hub = try HubFixture()
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/v1/submissions", method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/v1/submissions", method: .head) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func optionsNamesTheMethods() async throws {
        let hub = try HubFixture()
        try await app(hub).test(.router) { client in
            try await client.execute(uri: "/v1/submissions", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.allow] == "GET, HEAD, OPTIONS, POST")
            }
            try await client.execute(uri: "/no/such/route", method: .put) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.allow] == nil)
            }
        }
    }
}
