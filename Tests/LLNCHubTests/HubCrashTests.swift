import Foundation
import GRDB
import LLNCProtocol
import Testing
@testable import LLNCHub

/// The hub process is killed with SIGKILL at random points while it imports envelopes from
/// four sites, then run again until one import finishes: every envelope is stored exactly
/// once, with every cell, and the store file is intact. Whatever the machine's speed, a kill
/// lands somewhere between two statements, which is the point: the answer must not depend
/// on where.
struct HubCrashTests {
    static let sites = [("353", "E08000004"), ("354", "E08000005"), ("815", "E06000065"), ("850", "E10000014")]
    static let batchesPerSite = 25
    static let cellsPerBatch = 200

    @Test func killedMidImportEveryEnvelopeIsStoredExactlyOnce() async throws {
        let hubBinary = try #require(Self.hubBinary(), "build llnc-hub first (swift build --build-tests builds it)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-hub-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bundle = try await Self.prepareHub(in: dir)

        var random = SystemRandomNumberGenerator()
        var kills = 0
        for attempt in 1...12 {
            let answers = dir.appendingPathComponent("answers-\(attempt).jsonl")
            let process = Process()
            process.executableURL = hubBinary
            process.arguments = ["import-bundle", "--hub-dir", dir.path, bundle.path, "--answers", answers.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if attempt <= 4 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 50...800, using: &random)))
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
            }
            process.waitUntilExit()
            if process.terminationReason == .exit {
                #expect(process.terminationStatus == 0)
                break
            }
        }

        let store = try SQLiteHubStore(path: SQLiteHubStore.url(in: dir).path)
        let counts = try await store.counts()
        let total = Self.sites.count * Self.batchesPerSite
        #expect(counts.submissions == total)
        #expect(counts.cells == total * Self.cellsPerBatch)
        for (la, _) in Self.sites {
            #expect(try await store.replayFacts(laNumber: la, submissionID: "").highestAcceptedSequence == UInt64(Self.batchesPerSite))
            #expect(try await store.currentCells(laNumber: la).count == Self.cellsPerBatch)
        }
        let integrity = try await store.writer.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
        print("hub crash test: \(kills) SIGKILLs landed mid-import")
    }

    /// Hub keys, four enrolled sites, and a bundle of their envelopes in sequence order.
    static func prepareHub(in dir: URL) async throws -> URL {
        let identity = try HubIdentity.create(in: dir)
        let store = try SQLiteHubStore(path: SQLiteHubStore.url(in: dir).path)
        let register = SiteRegister(store: store, identity: identity)
        let hubKey = Envelope.HubSealingKey(publicKey: identity.sealing.publicKey)
        var keys: [SigningKeyPair] = []
        for (la, ons) in sites {
            let key = SigningKeyPair.generate()
            let token = try await register.invite(laNumber: la)
            _ = try await register.enrol(json: EnrolmentRequest.make(site: try SiteID(laNumber: la, onsCode: ons), token: token, siteKey: key).jsonBytes())
            keys.append(key)
        }
        let createdAt = Timestamp.format(Int64(Date().timeIntervalSince1970) - 60)
        var lines: [String] = []
        for sequence in 1...batchesPerSite {
            for ((la, ons), key) in zip(sites, keys) {
                let cells = (0..<cellsPerBatch).map { i in
                    Cell(indicator: "cla_starts", definitionVersion: 1, period: "2024-25", breakdown: ["band": "b\(i)"],
                         unit: .count, status: .rounded, value: String(10 + 5 * ((i + sequence) % 50)), reason: "rounded:base5")
                }
                let payload = Payload(
                    site: try SiteID(laNumber: la, onsCode: ons), submissionID: UUID().uuidString.lowercased(),
                    sequence: UInt64(sequence), catalogueVersion: "2025.1", cells: cells)
                let envelope = try Envelope.seal(payload, createdAt: createdAt, siteKey: key, hubKey: hubKey)
                lines.append(String(decoding: envelope.jsonBytes(), as: UTF8.self))
            }
        }
        let bundle = dir.appendingPathComponent("bundle.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: bundle, atomically: true, encoding: .utf8)
        return bundle
    }

    /// `llnc-hub` beside the test bundle in the build directory.
    static func hubBinary() -> URL? {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("llnc-hub")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
