import ArgumentParser
import Foundation
import LLNCCatalogue
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer
import LLNCProtocol
import Logging

/// `llnc-bench hub-load`: fills a hub store with real authorities × periods × the full
/// catalogue through the store's real write path (one accepted submission per site and period,
/// with a signed receipt; no sealing, which `hub-ingest` measures), then runs the real release
/// of every period so the query API serves released figures. Leaves behind, in the hub
/// directory, what `deploy/bench-hub` needs to drive `llnc-hub serve`: an analyst token
/// (`bench-token`) and the released comparisons' paths (`bench-paths`).
struct HubLoadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hub-load",
        abstract: "Load a hub store with authorities × periods × the full catalogue and release every period (see deploy/bench-hub).")

    @Option(help: "A new or empty hub directory (keys, catalogue-versions, hub.sqlite unless --store).") var hubDir: String
    @Option(help: "The hub store, e.g. postgres://user@127.0.0.1:5432/db. Default: <hub dir>/hub.sqlite.") var store: String?
    @Option(help: "Authorities, the first live ones of hub/reference/las.csv.") var sites = 153
    @Option(help: "Periods (collection years) per authority, ending with --last-year.") var years = 5
    @Option(help: "The last collection year: 2025 is the period 2024-25.") var lastYear = 2025
    @Option(help: "Synthetic sites computed by the node's engine; each authority takes the nearest in size.") var templates = 4
    @Option(help: "Divide each template's children by this (1: real sizes).") var scale = 1
    @Option(
        help:
            "A file of computed template cells: read if it exists, else written, so a second store loads the same cells without computing them again."
    )
    var templateCells: String?
    @Option(help: "The catalogue folder.") var catalogue = "protocol/catalogue"
    @Option(help: "The reference data folder.") var reference = "hub/reference"

    func run() async throws {
        let hubURL = URL(fileURLWithPath: hubDir, isDirectory: true)
        if FileManager.default.fileExists(atPath: hubURL.appendingPathComponent("keys").path) {
            throw HubLoadError.hubDirectory("\(hubDir) already holds a hub; give a new or empty folder")
        }
        try FileManager.default.createDirectory(at: hubURL, withIntermediateDirectories: true)
        let identity = try HubIdentity.create(in: hubURL)
        let catalogueURL = URL(fileURLWithPath: catalogue, isDirectory: true)
        let referenceURL = URL(fileURLWithPath: reference, isDirectory: true)
        let loadedCatalogue = try CatalogueLoader.load(directory: catalogueURL)
        let terms = CatalogueTerms(loadedCatalogue)
        _ = try HubConfiguration.publish(terms, in: hubURL)
        let authorities = try HubLoadCells.authorities(reference: referenceURL, count: sites)

        var cells: HubLoadCells!
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-hub-load-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let cache = templateCells.map { URL(fileURLWithPath: $0) }
        let computing = try Stopwatch.seconds {
            if let cache, FileManager.default.fileExists(atPath: cache.path) {
                cells = try HubLoadCells.read(from: cache)
            } else {
                cells = try HubLoadCells.compute(
                    catalogue: loadedCatalogue, authorities: authorities, templates: templates, scale: scale, years: years,
                    lastYear: lastYear, work: work)
                if let cache { try cells.write(to: cache) }
            }
        }
        let computed = cells!
        let perPeriod = computed.templates.map { $0.values.map(\.count).max() ?? 0 }
        Self.say(
            "templates: \(computed.templateChildren.count) synthetic sites of \(computed.templateChildren.map(String.init).joined(separator: ", ")) children, computed (or read) in \(Stopwatch.format(computing)) s (cells per period: \(perPeriod.map(String.init).joined(separator: ", ")))"
        )

        var configuration = HubConfiguration(hubDirectory: hubURL)
        configuration.acceptedCatalogues = [terms]
        configuration.catalogueDirectory = catalogueURL
        configuration.referenceDirectory = referenceURL
        let choice = try HubStoreChoice.resolve(flag: store, hubDirectory: hubURL)
        let logger = Logger(label: "llnc-bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let (siteCount, sizeScale, releasing) = (sites, scale, configuration)
        try await choice.withStore(logger: logger) { store in
            let start = DispatchTime.now().uptimeNanoseconds
            let stored = try await Self.load(
                computed, authorities: authorities, scale: sizeScale, into: store, identity: identity,
                catalogueVersion: loadedCatalogue.version)
            let loaded = Stopwatch.since(start)
            Self.say(
                "loaded: \(siteCount) sites × \(computed.periods.count) periods, \(stored) cells in \(Stopwatch.format(loaded)) s (\(Stopwatch.format(Double(stored) / loaded, decimals: 0)) cells/s) into \(choice)"
            )

            let releaseStart = DispatchTime.now().uptimeNanoseconds
            var paths: [String] = []
            var published = 0
            var withheld = 0
            for period in computed.periods {
                let release = try await ReleaseMaker(store: store, configuration: releasing).release(period: period)
                published += release.published
                withheld += release.withheld
                for document in try await store.releasedDocuments(releaseID: release.id, kind: .comparison) {
                    paths.append(Self.path(comparisonKey: document.key, period: period))
                }
            }
            let released = Stopwatch.since(releaseStart)
            Self.say(
                "released: \(computed.periods.count) periods (\(published) figures published, \(withheld) withheld, \(paths.count) comparisons) in \(Stopwatch.format(released)) s"
            )

            let token = try await TokenIssuer(store: store).create(role: .analyst, name: "bench-hub").0
            try Self.write(token.description + "\n", to: hubURL.appendingPathComponent("bench-token"))
            try Self.write(paths.joined(separator: "\n") + "\n", to: hubURL.appendingPathComponent("bench-paths"))
            try Self.write(
                "compute_s=\(Stopwatch.format(computing, decimals: 2))\nload_s=\(Stopwatch.format(loaded, decimals: 2))\nrelease_s=\(Stopwatch.format(released, decimals: 2))\ncells=\(stored)\ncomparisons=\(paths.count)\n",
                to: hubURL.appendingPathComponent("bench-load"))
        }
    }

    /// Enrols every authority with its own key and stores one accepted submission per period,
    /// with the receipt the ingest would sign. Returns the cells stored.
    static func load(
        _ cells: HubLoadCells, authorities: [HubLoadCells.Authority], scale: Int, into store: any HubStorage, identity: HubIdentity,
        catalogueVersion: String
    ) async throws -> Int {
        let register = SiteRegister(store: store, identity: identity)
        let hubKeyID = KeyID(x25519: identity.sealing.publicKey)
        var stored = 0
        for authority in authorities {
            let key = SigningKeyPair.generate()
            let token = try await register.invite(laNumber: authority.site.laNumber)
            _ = try await register.enrol(json: EnrolmentRequest.make(site: authority.site, token: token, siteKey: key).jsonBytes())
            let template = cells.templates[cells.template(for: authority, scale: scale)]
            for (index, period) in cells.periods.enumerated() {
                let periodCells = template[period] ?? []
                let now = Int64(Date().timeIntervalSince1970)
                let id = UUID().uuidString.lowercased()
                let payload = Payload(
                    site: authority.site, submissionID: id, sequence: UInt64(index + 1),
                    catalogueVersion: catalogueVersion, cells: periodCells
                ).jsonBytes()
                let header = EnvelopeHeader(
                    site: authority.site, siteKeyID: key.keyID, submissionID: id, sequence: UInt64(index + 1),
                    createdAt: Timestamp.format(now), hubKeyID: hubKeyID, catalogueVersion: catalogueVersion,
                    payloadDigest: ContentDigest.blake2b256(payload), payloadLength: UInt64(payload.count))
                let receipt = Receipt.sign(
                    for: header, outcome: .accepted, receivedAt: Timestamp.format(now), cellsStored: UInt32(periodCells.count),
                    hubSigningKey: identity.signing)
                let outcome = try await store.store(
                    AcceptedSubmission(header: header, cells: periodCells, receivedAt: now, receiptJSON: receipt.jsonBytes()))
                guard outcome == .stored else { throw HubLoadError.refused("site \(authority.site.laNumber), \(period): \(outcome)") }
                stored += periodCells.count
            }
        }
        return stored
    }

    /// `indicator|dim=cat,dim=cat` → the query API's path, categories percent-encoded.
    static func path(comparisonKey key: String, period: String) -> String {
        let parts = key.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let base = "/v1/comparisons/\(parts[0])/\(period)"
        guard parts.count == 2, !parts[1].isEmpty else { return base }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~=,")
        return base + "?breakdown=" + (parts[1].addingPercentEncoding(withAllowedCharacters: allowed) ?? parts[1])
    }

    /// Each phase's line as it ends (unbuffered), also when deploy/bench-hub sends stdout to a log.
    static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }
}
