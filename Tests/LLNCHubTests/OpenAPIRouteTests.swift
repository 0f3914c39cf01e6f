import Foundation
import Testing
import Yams

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

extension HubRoute {
    var isPage: Bool { access == .page || access == .pageOpen }
}

/// `protocol/openapi.yaml` lists exactly the routes the server registers: the test reads the
/// route table the router is built from, not a copy of it.
@Suite(.timeLimit(.minutes(10)))
struct OpenAPIRouteTests {
    static let specURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocol/openapi.yaml")

    static func specRoutes() throws -> Set<String> {
        let text = try String(contentsOf: specURL, encoding: .utf8)
        let document = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        var routes: Set<String> = []
        let methods: Set<String> = ["get", "post", "put", "delete", "patch", "head", "options"]
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys where methods.contains(method) {
                routes.insert("\(method.uppercased()) \(path)")
            }
        }
        return routes
    }

    /// The spec's rule: it lists every route of the site protocol and the JSON API, that is
    /// every route but the web pages (`RouteAccess.page` and `.pageOpen`, all under `/pages`),
    /// which answer HTML for people and have no machine-readable contract.
    static func serverRoutes() throws -> Set<String> {
        let hub = try HubFixture()
        let routes = hubRoutes(configuration: hub.configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger)
        return Set(routes.filter { !$0.isPage }.map { "\($0.method.rawValue) \($0.path)" })
    }

    @Test func theWebPagesAndOnlyThemLiveUnderPages() throws {
        let hub = try HubFixture()
        let routes = hubRoutes(configuration: hub.configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger)
        for route in routes {
            #expect(route.isPage == (route.path == "/pages" || route.path.hasPrefix("/pages/")), "\(route.method.rawValue) \(route.path)")
        }
        #expect(try Self.specRoutes().allSatisfy { !$0.contains(" /pages") })
    }

    @Test func everyServerRouteIsInTheSpec() throws {
        let missing = try Self.serverRoutes().subtracting(Self.specRoutes())
        #expect(missing.isEmpty, "routes the server has but protocol/openapi.yaml lacks: \(missing.sorted())")
    }

    @Test func everySpecRouteIsOnTheServer() throws {
        let extra = try Self.specRoutes().subtracting(Self.serverRoutes())
        #expect(extra.isEmpty, "routes protocol/openapi.yaml lists but the server lacks: \(extra.sorted())")
    }

    @Test func theServerRegistersNoRouteTwice() throws {
        let hub = try HubFixture()
        let routes = hubRoutes(configuration: hub.configuration, store: hub.store, identity: HubFixture.identity, logger: hub.logger)
        #expect(Set(routes.map { "\($0.method.rawValue) \($0.path)" }).count == routes.count)
    }
}
