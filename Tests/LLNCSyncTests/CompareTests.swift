import Foundation
import LLNCNode
import LLNCProtocol
import LLNCTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `llnc-node compare` against a real `llnc-hub`: the node pushes, the operator releases,
/// and the node reads its own published figures with a request signed by its enrolled key.
@Suite(.timeLimit(.minutes(10)), .serialized)
struct CompareTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let cells = [
        Cell(
            indicator: "looked_after_at_31_march", definitionVersion: 1, period: "2024-25", unit: .count, status: .rounded, value: "145",
            reason: "rounded:base5")
    ]

    /// A federation whose hub has released 2024-25 with the node's cells in it.
    static func released() async throws -> PushTests.Federation {
        let federation = try await PushTests.Federation.start()
        let catalogue = repository.appendingPathComponent("protocol/catalogue").path
        try await federation.hub.command(["catalogue", "publish", "--catalogue", catalogue])
        try federation.outbox.seal(batch: "b1", cells: cells, catalogueVersion: "2025.1", identity: federation.identity, now: PushTests.now)
        #expect(try await federation.push().delivered == [1])
        try await federation.hub.command([
            "release", "--period", "2024-25", "--catalogue", catalogue,
            "--reference", repository.appendingPathComponent("hub/reference").path,
        ])
        return federation
    }

    @Test func theNodeReadsItsOwnReleasedFiguresWithASignedRequest() async throws {
        let federation = try await Self.released()
        let body = try await HubClient(baseURL: await federation.hub.url)
            .siteProfile(identity: federation.identity, period: "2024-25", now: PushTests.now)
        let profile = try JSONDecoder().decode(SiteProfile.self, from: Data(body))
        #expect(profile.laNumber == "353" && profile.period == "2024-25" && profile.releaseID == "2024-25.1")
        let row = try #require(profile.rows.first { $0.indicator == "looked_after_at_31_march" })
        #expect(row.site.value == "145" && row.site.status == "rounded")
        #expect(row.england != nil)

        let command = try await BuiltBinary.run("llnc-node", ["compare", "--node-dir", federation.node.url.path, "--period", "2024-25"])
        #expect(command.status == 0, "\(command.error)")
        #expect(command.output.contains("looked_after_at_31_march") && command.output.contains("145"))
        let json = try await BuiltBinary.run("llnc-node", ["compare", "--node-dir", federation.node.url.path, "--json"])
        #expect(json.status == 0 && json.output.contains(#""la_number":"353""#))
        await federation.stop()
    }

    @Test func theHubRefusesAnotherKeyAnotherSitesPathAStaleClockAndNoCredentials() async throws {
        let federation = try await Self.released()
        let base = await federation.hub.url.absoluteString.dropLast()
        func status(_ path: String, signedBy key: SigningKeyPair? = nil, la: String = "353", at time: Int64 = PushTests.now) async throws -> Int {
            var request = URLRequest(url: URL(string: base + path)!)
            if let key {
                let signature = SiteRequestSignature.sign(laNumber: la, method: "GET", pathAndQuery: path, now: time, key: key)
                request.setValue(signature.description, forHTTPHeaderField: SiteRequestSignature.headerName)
            }
            let (_, response) = try await URLSession.shared.data(for: request)
            return (response as? HTTPURLResponse)?.statusCode ?? 0
        }
        let own = "/v1/sites/353/profile?period=2024-25"
        #expect(try await status(own, signedBy: federation.identity.signingKey) == 200)
        #expect(try await status(own, signedBy: .generate()) == 401)
        #expect(try await status(own, signedBy: federation.identity.signingKey, at: PushTests.now - 3600) == 401)
        #expect(try await status("/v1/sites/354/profile", signedBy: federation.identity.signingKey) == 403)
        #expect(try await status("/v1/indicators", signedBy: federation.identity.signingKey) == 403)
        #expect(try await status(own) == 401)
        await federation.stop()
    }
}
