import Foundation

/// How a hub runs: where it keeps its keys and store, where it listens, what it accepts, and
/// how long it waits for a client. Defaults suit a single hub on one machine.
public struct HubConfiguration: Sendable {
    public var hubDirectory: URL
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Catalogue versions the hub publishes: `<hub dir>/catalogue-versions` (one a line, `#`
    /// comments; `llnc-hub catalogue publish` appends to it) or `--catalogue-version`. None
    /// until a catalogue is published, so a hub never accepts cells computed by definitions
    /// its operator has not published.
    public var acceptedCatalogueVersions: [String] = []
    /// A request body must arrive in full within this many seconds (a slow client cannot
    /// hold a connection and a buffer open for ever).
    public var requestTimeout: Duration = .seconds(60)
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// `serve --public-read`: anyone may read released figures without a token.
    public var publicRead = false
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
        guard !versions.isEmpty else { throw HubConfigurationFailure.noCatalogueVersions(url.path) }
        return versions
    }
}

public enum HubConfigurationFailure: Error, CustomStringConvertible {
    case noCatalogueVersions(String)

    public var description: String {
        switch self {
        case .noCatalogueVersions(let path):
            "\(path) lists no catalogue version: run `llnc-hub catalogue publish` or add a version a line"
        }
    }
}

extension HubConfiguration {
    /// Adds `version` to `<hub dir>/catalogue-versions` (created if absent); returns false if
    /// it was there already. The file is rewritten atomically, so a reader sees the old list
    /// or the new one.
    public static func publish(catalogueVersion version: String, in hubDirectory: URL) throws -> Bool {
        var versions = (try? catalogueVersions(in: hubDirectory)) ?? nil ?? []
        guard !versions.contains(version) else { return false }
        versions.append(version)
        let text = "# catalogue versions this hub accepts, one a line (llnc-hub catalogue publish)\n" + versions.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: catalogueVersionsURL(in: hubDirectory), options: .atomic)
        return true
    }
}
