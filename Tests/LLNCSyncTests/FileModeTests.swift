import Foundation
import LLNCNode
import LLNCProtocol
import LLNCTestSupport
import Testing

/// Stores and secrets are their owner's alone (directories 0700, files 0600) whatever the
/// umask and however the directory was made; an existing store others can read is refused
/// with the command that fixes it. The real `llnc-node` and `llnc-hub`, started with umask 000.
@Suite(.timeLimit(.minutes(10)))
struct FileModeTests {
    static func mode(_ url: URL) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    /// A directory made beforehand with 0755, then a command run with umask 000.
    static func openDirectory() throws -> TemporaryDirectory {
        let parent = try TemporaryDirectory("llnc-modes")
        try FileManager.default.createDirectory(at: parent.url.appendingPathComponent("data"), withIntermediateDirectories: false)
        #expect(chmod(parent.url.appendingPathComponent("data").path, 0o755) == 0)
        return parent
    }

    @Test func aNodeDirectoryMadeOpenIsTightenedAndItsStoreMadePrivate() async throws {
        let parent = try Self.openDirectory()
        defer { parent.remove() }
        let node = parent.url.appendingPathComponent("data")
        let run = try await BuiltBinary.run("llnc-node", ["status", "--node-dir", node.path], umask: "000")
        #expect(run.status == 0, "\(run.error)")
        #expect(try Self.mode(node) == 0o700)
        let store = node.appendingPathComponent("node.sqlite")
        #expect(try Self.mode(store) == 0o600)
        for path in OwnerOnly.databaseFiles(store.path).dropFirst() where FileManager.default.fileExists(atPath: path) {
            #expect(try Self.mode(URL(fileURLWithPath: path)) == 0o600, "\(path)")
        }
    }

    /// In a directory others could enter, an open store may have been read: refused, not
    /// quietly fixed, so the person knows.
    @Test func aNodeStoreOthersCouldReadIsRefusedWithTheFix() async throws {
        let parent = try Self.openDirectory()
        defer { parent.remove() }
        let node = parent.url.appendingPathComponent("data")
        #expect(try await BuiltBinary.run("llnc-node", ["status", "--node-dir", node.path]).status == 0)
        let store = node.appendingPathComponent("node.sqlite")
        #expect(chmod(store.path, 0o644) == 0 && chmod(node.path, 0o755) == 0)
        let refused = try await BuiltBinary.run("llnc-node", ["status", "--node-dir", node.path])
        #expect(refused.status != 0)
        #expect(refused.error.contains("has mode 644") && refused.error.contains("chmod 600 \(store.path)"), "\(refused.error)")
        #expect(try Self.mode(store) == 0o644, "refused, not quietly changed: the person must know it was open")
    }

    /// A store made before this rule (SQLite gave it 0644) in the node's private directory:
    /// nobody else could reach it, so it is tightened and the node carries on after an upgrade.
    @Test func anOpenStoreInAPrivateDirectoryIsTightenedQuietly() async throws {
        let parent = try Self.openDirectory()
        defer { parent.remove() }
        let node = parent.url.appendingPathComponent("data")
        #expect(try await BuiltBinary.run("llnc-node", ["status", "--node-dir", node.path]).status == 0)
        let store = node.appendingPathComponent("node.sqlite")
        #expect(chmod(store.path, 0o644) == 0)
        #expect(try Self.mode(node) == 0o700)
        let run = try await BuiltBinary.run("llnc-node", ["status", "--node-dir", node.path])
        #expect(run.status == 0, "\(run.error)")
        #expect(try Self.mode(store) == 0o600)
    }

    @Test func aHubDirectoryMadeOpenIsTightenedAndItsKeysAndStoreMadePrivate() async throws {
        let parent = try Self.openDirectory()
        defer { parent.remove() }
        let hub = parent.url.appendingPathComponent("data")
        let keys = try await BuiltBinary.run("llnc-hub", ["keys", "init", "--hub-dir", hub.path], umask: "000")
        #expect(keys.status == 0, "\(keys.error)")
        let list = try await BuiltBinary.run("llnc-hub", ["sites", "list", "--hub-dir", hub.path], umask: "000")
        #expect(list.status == 0, "\(list.error)")
        #expect(try Self.mode(hub) == 0o700)
        #expect(try Self.mode(hub.appendingPathComponent("keys")) == 0o700)
        for file in ["keys/sealing.seed", "keys/signing.seed", "hub.sqlite"] {
            #expect(try Self.mode(hub.appendingPathComponent(file)) == 0o600, "\(file)")
        }

        #expect(chmod(hub.appendingPathComponent("hub.sqlite").path, 0o640) == 0 && chmod(hub.path, 0o750) == 0)
        let refused = try await BuiltBinary.run("llnc-hub", ["sites", "list", "--hub-dir", hub.path])
        #expect(refused.status != 0)
        #expect(refused.error.contains("the hub's store") && refused.error.contains("chmod 600"), "\(refused.error)")
    }

    /// The enrolment record pins the hub's keys; written with Foundation's atomic write it
    /// took the umask's mode (0666 under umask 000).
    @Test func theEnrolmentRecordIsPrivateAndRefusedWhenOpen() async throws {
        let hub = try await HubUnderTest.start()
        let node = try TemporaryDirectory("llnc-modes-node")
        defer { node.remove() }
        _ = try await SiteIdentity.enrol(
            nodeDirectory: node.url, hubURL: await hub.url, token: try await hub.invite("353"), site: EnrolmentTests.oldham,
            now: PushTests.now)
        await hub.stop()
        let record = node.url.appendingPathComponent("enrolment.json")
        #expect(try Self.mode(record) == 0o600)
        #expect(chmod(record.path, 0o666) == 0)
        #expect(throws: OwnerOnly.Exposure.self) { try SiteIdentity.load(nodeDirectory: node.url) }
    }
}
