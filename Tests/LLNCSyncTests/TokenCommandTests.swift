import Foundation
import LLNCTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `llnc-hub tokens` as an operator uses it, against a real `llnc-hub serve`.
@Suite(.timeLimit(.minutes(10)), .serialized)
struct TokenCommandTests {
    @Test func aTokenIsShownOnceWorksUntilRevokedAndIsNeverListed() async throws {
        let hub = try await HubUnderTest.start()
        let token = try await hub.command(["tokens", "create", "--role", "analyst", "--name", "research team"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("llnc-api-v1."))
        let id = String(token.split(separator: ".")[1])
        let secret = String(token.split(separator: ".")[2])
        let listing = try await hub.command(["tokens", "list"])
        #expect(listing.contains(id) && listing.contains("analyst") && !listing.contains(secret))

        func status(_ path: String) async throws -> Int {
            var request = URLRequest(url: URL(string: "\(await hub.url.absoluteString.dropLast())\(path)")!)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        #expect(try await status("/v1/indicators") == 200)
        #expect(try await status("/v1/sites") == 403)
        try await hub.command(["tokens", "revoke", id])
        #expect(try await status("/v1/indicators") == 401)
        #expect(try await hub.command(["tokens", "list"]).contains("revoked"))
        // Nothing in the hub directory holds the secret: the store keeps its hash only.
        for file in try FileManager.default.contentsOfDirectory(atPath: hub.directory.url.path) {
            let bytes = (try? Data(contentsOf: hub.directory.url.appendingPathComponent(file))) ?? Data()
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds the token's secret")
        }
        await hub.stop()
    }
}
