import Foundation
import GRDB
import LLNCProtocol
import LLNCTestSupport

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// A hub directory with keys and four enrolled sites, and each site's envelopes in sequence
/// order: what the crash tests feed a real `llnc-hub` process.
struct CrashFixture {
    static let sites = [("353", "E08000004"), ("354", "E08000005"), ("815", "E06000065"), ("850", "E10000014")]

    let directory: URL
    /// `envelopes[i]` are site `i`'s envelopes, sequences 1, 2, ...
    let envelopes: [[Envelope]]
    let identity: HubIdentity
    let cellsPerBatch: Int

    var total: Int { envelopes.map(\.count).reduce(0, +) }

    static func make(batchesPerSite: Int, cellsPerBatch: Int) async throws -> CrashFixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-hub-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let identity = try HubIdentity.create(in: dir)
        _ = try HubConfiguration.publish(TestCatalogue.terms, in: dir)
        let register = SiteRegister(store: try SQLiteHubStore(path: SQLiteHubStore.url(in: dir).path), identity: identity)
        let hubKey = Envelope.HubSealingKey(publicKey: identity.sealing.publicKey)
        let createdAt = Timestamp.format(Int64(Date().timeIntervalSince1970) - 60)
        var envelopes: [[Envelope]] = []
        for (la, ons) in sites {
            let site = try SiteID(laNumber: la, onsCode: ons)
            let key = SigningKeyPair.generate()
            let token = try await register.invite(laNumber: la)
            _ = try await register.enrol(json: EnrolmentRequest.make(site: site, token: token, siteKey: key).jsonBytes())
            envelopes.append(
                try (1...batchesPerSite).map { sequence in
                    let cells = (0..<cellsPerBatch).map { i in
                        Cell(
                            indicator: "cla_starts", definitionVersion: 1, period: "2024-25", breakdown: ["age_band": "band_\(i)"],
                            unit: .count, status: .rounded, value: String(10 + 5 * ((i + sequence) % 50)), reason: "rounded:base5")
                    }
                    let payload = Payload(
                        site: site, submissionID: UUID().uuidString.lowercased(), sequence: UInt64(sequence),
                        catalogueVersion: "2025.1", cells: cells)
                    return try Envelope.seal(payload, createdAt: createdAt, siteKey: key, hubKey: hubKey)
                })
        }
        return CrashFixture(directory: dir, envelopes: envelopes, identity: identity, cellsPerBatch: cellsPerBatch)
    }

    /// Every envelope stored once with every cell, each site's latest sequence stored, and
    /// an intact store file.
    func storedExactlyOnce() async throws -> Bool {
        let store = try SQLiteHubStore(path: SQLiteHubStore.url(in: directory).path)
        let counts = try await store.counts()
        guard counts.submissions == total, counts.cells == total * cellsPerBatch else { return false }
        for (i, (la, _)) in Self.sites.enumerated() {
            let facts = try await store.replayFacts(laNumber: la, submissionID: "")
            guard facts.highestAcceptedSequence == UInt64(envelopes[i].count),
                try await store.currentCells(laNumber: la).count == cellsPerBatch
            else { return false }
        }
        return try await store.writer.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok"
    }

    /// `llnc-hub` in the build directory the tests run from.
    static func hubBinary() -> URL? { BuiltBinary.url("llnc-hub") }
}
