import Foundation
import LLNCTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `llnc-bench hub-load`, at a tiny size, leaves a store the real `llnc-hub serve` answers
/// from: every comparison path it lists is released and served to its analyst token, so
/// `deploy/bench-hub` measures answers, not errors.
@Suite(.timeLimit(.minutes(10)))
struct HubLoadBenchmarkTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theLoadedStoreIsReleasedAndServedToTheAnalystToken() async throws {
        let directory = try TemporaryDirectory("llnc-hub-load")
        defer { directory.remove() }
        let hub = directory.url.appendingPathComponent("hub")
        let catalogue = Self.repository.appendingPathComponent("protocol/catalogue").path
        let reference = Self.repository.appendingPathComponent("hub/reference").path
        let load = try await BuiltBinary.run(
            "llnc-bench",
            [
                "hub-load", "--hub-dir", hub.path, "--sites", "3", "--years", "2", "--templates", "1", "--scale", "100",
                "--catalogue", catalogue, "--reference", reference,
            ])
        #expect(load.status == 0, "\(load.error)")
        #expect(load.output.contains("loaded: 3 sites × 2 periods") && load.output.contains("released: 2 periods"))
        let token = try String(contentsOf: hub.appendingPathComponent("bench-token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let paths = try String(contentsOf: hub.appendingPathComponent("bench-paths"), encoding: .utf8).split(separator: "\n")
        #expect(paths.contains { $0.contains("?breakdown=") } && paths.contains { $0.hasSuffix("/2024-25") })

        let binary = try #require(BuiltBinary.url("llnc-hub"))
        let server = HubServerProcess(binary: binary, directory: hub, arguments: ["--catalogue", catalogue, "--reference", reference])
        try await server.start()
        let port = try #require(await server.port)
        // A spread of the listed paths, overall figures and breakdowns alike.
        for path in paths.enumerated().filter({ $0.offset % max(1, paths.count / 20) == 0 }).map(\.element) {
            var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(path)")))
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let (body, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(path)")
            #expect(String(decoding: body, as: UTF8.self).contains(#""release_id""#), "\(path)")
        }
        await server.stop()
    }
}
