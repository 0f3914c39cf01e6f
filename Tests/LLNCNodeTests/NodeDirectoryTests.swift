import Foundation
import GRDB
import Testing

@testable import LLNCNode

/// The node directory: the site secret is created once, private, and reused.
@Suite(.timeLimit(.minutes(10)))
struct NodeDirectoryTests {
    private func freshDirectory() -> NodeDirectory {
        NodeDirectory(url: FileManager.default.temporaryDirectory.appendingPathComponent("llnc-node-dir-\(UUID().uuidString)"))
    }

    @Test func secretIsCreatedPrivateAndThenReused() throws {
        let dir = freshDirectory()
        let first = try dir.siteSecret()
        #expect(first.count == 32)
        let mode = try FileManager.default.attributesOfItem(atPath: dir.secretPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try dir.siteSecret(generate: { [UInt8](repeating: 0, count: 32) }) == first)
    }

    @Test func refusesASecretOthersCanRead() throws {
        let dir = freshDirectory()
        _ = try dir.siteSecret()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir.secretPath)
        #expect(throws: NodeDirectory.SecretError.self) { try dir.siteSecret() }
    }

    @Test func directoryComesFromTheOptionThenTheEnvironmentThenTheDefault() {
        #expect(NodeDirectory.resolve("/a", environment: ["LLNC_NODE_DIR": "/b"]).url.path == "/a")
        #expect(NodeDirectory.resolve(nil, environment: ["LLNC_NODE_DIR": "/b"]).url.path == "/b")
        #expect(NodeDirectory.resolve(nil, environment: [:]).url.lastPathComponent == "llnc-node-data")
    }

    @Test func fileStoreRunsInWALModeWithForeignKeys() throws {
        let dir = freshDirectory()
        try dir.create()
        let store = try NodeStore.open(path: dir.storePath)
        let (journal, foreignKeys) = try store.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal" && foreignKeys == 1)
    }
}

/// What real extracts contain, through the whole ingest path.
@Suite(.timeLimit(.minutes(10)))
struct RealExtractQuirksTests {
    @Test func bomCRLFBlanksCaseAndEmptyTrailingRowsLoadLikeACleanFile() throws {
        let clean = Fixture.good["903-episodes"]!
        let lines = clean.split(separator: "\n").map(String.init)
        let header = lines[0].lowercased().split(separator: ",").map { " \($0) " }.joined(separator: ",")
        let messy = "\u{FEFF}" + ([header] + lines.dropFirst().map { $0.lowercased() }).joined(separator: "\r\n") + "\r\n,,,,\r\n\r\n"
        let a = try NodeStore.inMemory()
        let b = try NodeStore.inMemory()
        _ = try Fixture.ingest(.ssda903Episodes, clean, into: a)
        let report = try Fixture.ingest(.ssda903Episodes, messy, into: b)
        #expect(report.rowsRead == 3 && report.issues.isEmpty)
        let cleanRows = try a.read { db in try String.fetchAll(db, sql: "SELECT decom || rne || ls || place FROM ssda903_episode ORDER BY id") }
        let messyRows = try b.read { db in try String.fetchAll(db, sql: "SELECT decom || rne || ls || place FROM ssda903_episode ORDER BY id") }
        #expect(cleanRows == messyRows)
    }

    @Test func columnsMayComeInAnyOrderAndUnknownOnesAreNotStored() throws {
        let text = """
            NAME,REC,DEC,PLACE_PROVIDER,PLACE,CIN,LS,RNE,DECOM,CHILD
            Jo Bloggs,,,PR1,U1,N1,C2,S,01/05/2023,C1
            """
        let store = try NodeStore.inMemory()
        let report = try Fixture.ingest(.ssda903Episodes, text, into: store)
        #expect(report.rowsAccepted == 1)
        let everything = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ssda903_episode").flatMap { row in row.databaseValues.map(\.description) }
        }
        #expect(!everything.contains { $0.contains("Bloggs") })
    }

    @Test func progressReportsGrowingByteCounts() throws {
        let header = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n"
        let rows = (1...120_000).map { "C\($0),01/05/2023,S,C2,N1,U1,PR1,," }.joined(separator: "\n")
        let url = Fixture.file("big.csv", header + rows)
        var validator = DatasetValidator(layout: .ssda903Episodes, year: 2024, pseudonymiser: Fixture.pseudonymiser)
        var seen: [IngestProgress] = []
        var handed = 0
        let result = try validator.read(files: [url], progress: { seen.append($0) }, row: { _, _, _ in handed += 1 })
        #expect(handed == 120_000 && result.rowsValid == 120_000)
        #expect(seen.map(\.rowsRead) == [50_000, 100_000])
        #expect(seen[0].bytesRead < seen[1].bytesRead && seen[1].bytesRead < seen[1].totalBytes)
    }
}
