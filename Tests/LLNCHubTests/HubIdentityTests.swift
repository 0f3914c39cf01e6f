import Foundation
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

@Suite(.timeLimit(.minutes(10)))
struct HubIdentityTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-hub-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func keysMadeOnceLoadTheSameAndAreOwnerOnly() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try HubIdentity.create(in: dir)
        let loaded = try HubIdentity.load(from: dir)
        #expect(loaded.keySet == made.keySet)
        let mode = try FileManager.default.attributesOfItem(atPath: HubIdentity.sealingURL(dir).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func anExistingKeyIsNeverOverwritten() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try HubIdentity.create(in: dir)
        #expect(throws: SecretFile.Failure.exists(HubIdentity.sealingURL(dir).path)) { try HubIdentity.create(in: dir) }
        #expect(try HubIdentity.load(from: dir).keySet == first.keySet)
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try HubIdentity.create(in: dir)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: HubIdentity.signingURL(dir).path)
        #expect(throws: SecretFile.Failure.tooOpen(HubIdentity.signingURL(dir).path, mode: 0o644)) { try HubIdentity.load(from: dir) }
    }

    @Test func theSummaryNamesKeysButNeverASeed() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let identity = try HubIdentity.create(in: dir)
        let seedHex = Hex.encode(identity.signing.seed)
        #expect(identity.summary.contains(identity.signing.keyID.hex))
        #expect(!identity.summary.contains(seedHex))
    }
}
