import ArgumentParser
import CSodium
import Foundation
import LLNCCatalogue
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer
import LLNCProtocol
import Logging

/// Hub ingest of 2,000-cell envelopes through the real path (every check of SPEC.md §6, the
/// hub rules, one SQLite transaction per envelope into a store in a temporary directory, a
/// signed receipt) beside LLNCProtocol's verify+open and raw libsodium verify+open on the
/// same envelopes, so the cost of storing is the gap between the rows.
struct HubIngestBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub-ingest", abstract: "Hub ingest throughput (envelopes/s, cells/s) beside libsodium verify+open.")

    @Option(help: "Cells per envelope.") var cells = 2000
    @Option(help: "Envelopes to ingest (each a new submission).") var envelopes = 200

    func run() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-hub-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let identity = try HubIdentity.create(in: dir)
        let store = try SQLiteHubStore(path: SQLiteHubStore.url(in: dir).path)
        let site = try SiteID(laNumber: "353", onsCode: "E08000004")
        let siteKey = SigningKeyPair.generate()
        let register = SiteRegister(store: store, identity: identity)
        let token = try await register.invite(laNumber: site.laNumber)
        _ = try await register.enrol(json: EnrolmentRequest.make(site: site, token: token, siteKey: siteKey).jsonBytes())

        let createdAt = Timestamp.format(Int64(Date().timeIntervalSince1970))
        let hubKey = Envelope.HubSealingKey(publicKey: identity.sealing.publicKey)
        let sealed = try (1...envelopes).map { n in
            try Envelope.seal(
                Payload(
                    site: site, submissionID: UUID().uuidString.lowercased(), sequence: UInt64(n),
                    catalogueVersion: "2025.1", cells: Self.cells(cells, variant: n)),
                createdAt: createdAt, siteKey: siteKey, hubKey: hubKey)
        }
        let wires = sealed.map { $0.jsonBytes() }

        let hubSecret = try ProtocolBenchmark.hubSecretKey(identity.sealing)
        var opened = [UInt8](repeating: 0, count: wires.map(\.count).max() ?? 0)
        let raw = Stopwatch.seconds {
            for envelope in sealed {
                let header = envelope.header.canonicalBytes
                _ = crypto_sign_verify_detached(envelope.signature, header, UInt64(header.count), siteKey.publicKey)
                _ = crypto_box_seal_open(&opened, envelope.ciphertext, UInt64(envelope.ciphertext.count), identity.sealing.publicKey, hubSecret)
            }
        }
        let protocolOnly = try Stopwatch.seconds {
            for wire in wires {
                let envelope = try Envelope.decode(json: wire)
                try envelope.verifySignature(siteSigningKey: siteKey.publicKey)
                _ = try envelope.open(with: identity.sealing)
            }
        }
        let ingest = SubmissionIngest(
            store: store, identity: identity, rules: HubRules(acceptedCatalogues: [Self.terms(cells)]),
            logger: Logger(label: "llnc-bench", factory: { _ in SwiftLogNoOpLogHandler() }))
        let start = DispatchTime.now().uptimeNanoseconds
        for wire in wires {
            guard case .accepted = try await ingest.ingest(wire) else { throw ValidationError("an envelope was not accepted") }
        }
        let hub = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let counts = try await store.counts()
        guard counts.submissions == envelopes, counts.cells == envelopes * cells else { throw ValidationError("store counts are wrong: \(counts)") }

        print("hub ingest benchmark: \(envelopes) envelopes of \(cells) cells, envelope \(wires[0].count) bytes, SQLite store (WAL) in a temp dir")
        let w = [44, 14, 14]
        print(Stopwatch.row(["path", "envelopes/s", "cells/s"], widths: w))
        for (name, seconds) in [
            ("raw libsodium verify+open", raw), ("LLNC verify+open (parse, checks)", protocolOnly),
            ("hub ingest (checks, rules, store, receipt)", hub),
        ] {
            let rate = Double(envelopes) / seconds
            print(Stopwatch.row([name, Stopwatch.format(rate), Stopwatch.format(rate * Double(cells), decimals: 0)], widths: w))
        }
        print("ratio hub ingest / raw libsodium: \(Stopwatch.format(raw / hub, decimals: 3))")
    }

    /// Counts of 10 and more, some suppressed: what passes the national minimum. `variant`
    /// shifts values so each submission revises the previous one's cells.
    /// A catalogue "2025.1" that defines the synthetic cells below, so every cell passes the
    /// hub's catalogue check as a real batch does (its cost is part of the figure).
    static func terms(_ count: Int) -> CatalogueTerms {
        let dimensions: [String: Set<String>] = [
            "age_band": Set((0..<10).map { "band_\($0)" } + ["Total"]),
            "category": Set((0...(count / 400)).map { "c\($0)" } + ["Total"]),
        ]
        let indicator = CatalogueTerms.IndicatorTerms(definitionVersion: 1, unit: .count, period: .reportingYear, dimensions: dimensions)
        return CatalogueTerms(version: "2025.1", indicators: Dictionary(uniqueKeysWithValues: (0..<40).map { ("indicator_\($0)", indicator) }))
    }

    static func cells(_ count: Int, variant: Int) -> [Cell] {
        (0..<count).map { i in
            let suppressed = i % 7 == 0
            return Cell(
                indicator: "indicator_\(i % 40)", definitionVersion: 1, period: "2024-25",
                breakdown: ["age_band": "band_\(i / 40 % 10)", "category": "c\(i / 400)"], unit: .count,
                status: suppressed ? .suppressed : .rounded, value: suppressed ? nil : String(10 + (i + variant) % 500 * 5),
                symbol: suppressed ? .confidential : nil, reason: suppressed ? "primary:threshold" : "rounded:base5")
        }
    }
}
