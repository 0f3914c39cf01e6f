import Foundation
import LLNCCatalogue

/// How a hub runs: where it keeps its keys and store, where it listens, what it accepts, and
/// how long it waits for a client. Defaults suit a single hub on one machine.
public struct HubConfiguration: Sendable {
    public var hubDirectory: URL
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// The catalogue versions the hub publishes, with the terms a cell of each must keep:
    /// the versions listed in `<hub dir>/catalogue-versions` (one a line, `#` comments) or
    /// given by `--catalogue-version`, each with its terms in `<hub dir>/catalogues/`
    /// (`llnc-hub catalogue publish` writes both). None until a catalogue is published, so a
    /// hub never accepts cells computed by definitions its operator has not published.
    public var acceptedCatalogues: [CatalogueTerms] = []

    public var acceptedCatalogueVersions: [String] { acceptedCatalogues.map(\.version) }
    /// A request body must arrive in full within this many seconds (a slow client cannot
    /// hold a connection and a buffer open for ever).
    public var requestTimeout: Duration = .seconds(60)
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// `/metrics` answers any client when true; by default only clients on this machine
    /// (loopback), so the figures reach an operator's scraper on the host, or through a
    /// reverse proxy the operator configures, and not the internet.
    public var metricsPublic = false
    /// `/readyz` reports not ready when the store takes longer than this to answer.
    public var readinessTimeout: Duration = .seconds(2)
    /// `serve --public-read`: anyone may read released figures without a token.
    public var publicRead = false
    /// `serve --behind-tls-proxy`: browsers reach the hub over TLS through a reverse proxy,
    /// so the session cookie is `Secure` even though the hub itself listens on loopback
    /// (deploy/config/hub.env sets it).
    public var behindTLSProxy = false
    /// `--synthetic-data`: every answer, export and page says the figures are synthetic.
    public var syntheticData = false
    /// Where releases read the catalogue and the reference data (LA register, regions,
    /// statistical neighbours); `nil` until `serve`/`release` finds or is given them.
    public var catalogueDirectory: URL?
    public var referenceDirectory: URL?

    public init(hubDirectory: URL) {
        self.hubDirectory = hubDirectory
    }

    public static func catalogueVersionsURL(in hubDirectory: URL) -> URL {
        hubDirectory.appendingPathComponent("catalogue-versions")
    }

    /// The versions listed in `<hub dir>/catalogue-versions`, or `nil` if there is no such file.
    public static func catalogueVersions(in hubDirectory: URL) throws -> [String]? {
        let url = catalogueVersionsURL(in: hubDirectory)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let versions = try String(contentsOf: url, encoding: .utf8)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !versions.isEmpty else { throw HubConfigurationError.noCatalogueVersions(url.path) }
        return versions
    }
}

public enum HubConfigurationError: Error, CustomStringConvertible {
    case noCatalogueVersions(String)
    case catalogueTermsMissing(version: String, path: String)
    case catalogueTermsUnreadable(version: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .noCatalogueVersions(let path):
            "\(path) lists no catalogue version: run `llnc-hub catalogue publish` or add a version a line"
        case .catalogueTermsMissing(let version, let path):
            "catalogue version \(version) is accepted, but the hub does not have its terms (\(path)), so it cannot check cells against it: run `llnc-hub catalogue publish --catalogue <folder>` with that version's catalogue folder"
        case .catalogueTermsUnreadable(let version, let path, let reason):
            "the terms of catalogue version \(version) (\(path)) cannot be read: \(reason). Run `llnc-hub catalogue publish --catalogue <folder>` with that version's catalogue folder to write them again"
        }
    }
}

extension HubConfiguration {
    public static func catalogueTermsURL(version: String, in hubDirectory: URL) -> URL {
        hubDirectory.appendingPathComponent("catalogues").appendingPathComponent("\(version).json")
    }

    /// The terms of each of `versions`, from `<hub dir>/catalogues/<version>.json`.
    public static func catalogueTerms(versions: [String], in hubDirectory: URL) throws(HubConfigurationError) -> [CatalogueTerms] {
        try versions.map { version throws(HubConfigurationError) in
            let url = catalogueTermsURL(version: version, in: hubDirectory)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw .catalogueTermsMissing(version: version, path: url.path)
            }
            let terms: CatalogueTerms
            do { terms = try JSONDecoder().decode(CatalogueTerms.self, from: data) } catch {
                throw .catalogueTermsUnreadable(version: version, path: url.path, reason: String(describing: error))
            }
            guard terms.version == version else {
                throw .catalogueTermsUnreadable(version: version, path: url.path, reason: "they are the terms of version \(terms.version)")
            }
            return terms
        }
    }

    /// Publishes a catalogue version: writes its terms to `<hub dir>/catalogues/` and adds the
    /// version to `<hub dir>/catalogue-versions` (created if absent), terms first, so a listed
    /// version always has its terms. Returns false if the version was listed already (its
    /// terms are written again: a hub upgraded from a release without them gains them). Each
    /// file is written atomically, so a reader sees the old content or the new.
    public static func publish(_ terms: CatalogueTerms, in hubDirectory: URL) throws -> Bool {
        let termsURL = catalogueTermsURL(version: terms.version, in: hubDirectory)
        try FileManager.default.createDirectory(at: termsURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try terms.jsonBytes().write(to: termsURL, options: .atomic)
        var versions = (try? catalogueVersions(in: hubDirectory)) ?? nil ?? []
        guard !versions.contains(terms.version) else { return false }
        versions.append(terms.version)
        let text = "# catalogue versions this hub accepts, one a line (llnc-hub catalogue publish)\n" + versions.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: catalogueVersionsURL(in: hubDirectory), options: .atomic)
        return true
    }
}
