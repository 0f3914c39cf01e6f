import Foundation
import LLNCProtocol
import LLNCTestSupport
import Logging

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// A hub with fixed keys, a store (in-memory SQLite unless a test passes one) and a fixed clock, and a
/// site that can enrol and seal envelopes to it.
struct HubFixture {
    static let now = Timestamp.parse("2025-05-01T09:31:00Z")!
    static let oldham = try! SiteID(laNumber: "353", onsCode: "E08000004")
    static let rochdale = try! SiteID(laNumber: "354", onsCode: "E08000005")
    static let identity = HubIdentity(
        sealing: try! SealingKeyPair(seed: [UInt8](repeating: 2, count: 32)),
        signing: try! SigningKeyPair(seed: [UInt8](repeating: 3, count: 32)))
    static let siteKey = try! SigningKeyPair(seed: [UInt8](repeating: 1, count: 32))
    static let otherKey = try! SigningKeyPair(seed: [UInt8](repeating: 4, count: 32))

    let store: any HubStorage
    var clock: @Sendable () -> Int64 = { HubFixture.now }
    var logger = Logger(label: "llnc-hub-tests") { _ in SwiftLogNoOpLogHandler() }

    /// A hub on `store`; by default a private in-memory SQLite store.
    init(store: (any HubStorage)? = nil) throws {
        self.store = try store ?? SQLiteHubStore.inMemory()
    }

    var ingest: SubmissionIngest {
        SubmissionIngest(
            store: store, identity: Self.identity, rules: HubRules(acceptedCatalogues: [TestCatalogue.terms]), logger: logger, clock: clock)
    }

    var register: SiteRegister { SiteRegister(store: store, identity: Self.identity, clock: clock) }

    var configuration: HubConfiguration {
        var configuration = HubConfiguration(hubDirectory: URL(fileURLWithPath: "/nonexistent"))
        configuration.acceptedCatalogues = [TestCatalogue.terms]
        // A starved test process can leave a keep-alive connection quiet for longer than the
        // production 30 s; the server must not close it under a test (seen under load as
        // "I/O on closed channel").
        configuration.idleTimeout = TestTime.scaled(.seconds(120))
        return configuration
    }

    /// Invites and enrols `site` with `key`, as a node would.
    @discardableResult
    func enrol(_ site: SiteID = oldham, key: SigningKeyPair = siteKey) async throws -> HubKeySet {
        let token = try await register.invite(laNumber: site.laNumber)
        return try await register.enrol(json: EnrolmentRequest.make(site: site, token: token, siteKey: key).jsonBytes())
    }

    static func cells(count: Int = 4, smallest: Int = 10) -> [Cell] {
        (0..<count).map { i in
            Cell(
                indicator: "cla_starts", definitionVersion: 1, period: "2024-25", breakdown: ["age_band": "band_\(i)"],
                unit: .count, status: .rounded, value: String(smallest + 5 * i), reason: "rounded:base5")
        }
    }

    static func envelope(
        site: SiteID = oldham, key: SigningKeyPair = siteKey, sequence: UInt64 = 1, submissionID: String? = nil,
        cells: [Cell] = cells(), catalogue: String = "2025.1", hubSealing: SealingKeyPair = identity.sealing,
        createdAt: String = "2025-05-01T09:30:00Z"
    ) throws -> Envelope {
        let id = submissionID ?? String(format: "00000000-0000-4000-8000-%012d", Int(sequence))
        let payload = Payload(site: site, submissionID: id, sequence: sequence, catalogueVersion: catalogue, cells: cells)
        return try Envelope.seal(
            payload, createdAt: createdAt, siteKey: key, hubKey: .init(publicKey: hubSealing.publicKey))
    }
}

extension SubmissionIngest.Answer {
    var code: String? {
        if case .refused(let rejection, _) = self { return rejection.code }
        return nil
    }

    var receipt: Receipt? {
        switch self {
        case .accepted(let json, _), .duplicate(let json): try? Receipt.decode(json: json)
        case .refused(_, let receipt): receipt
        }
    }
}
