import Foundation

/// How a hub runs: where it keeps its keys and store, where it listens, what it accepts, and
/// how long it waits for a client. Defaults suit a single hub on one machine.
public struct HubConfiguration: Sendable {
    public var hubDirectory: URL
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Catalogue versions the hub publishes. `<hub dir>/catalogue-versions` (one a line, `#`
    /// comments) or `--catalogue-version` set them; `2025.1` is the first published catalogue.
    public var acceptedCatalogueVersions: [String] = Self.defaultCatalogueVersions
    /// A request body must arrive in full within this many seconds (a slow client cannot
    /// hold a connection and a buffer open for ever).
    public var requestTimeout: Duration = .seconds(60)
    /// A connection that sends nothing for this long is closed.
    public var idleTimeout: Duration = .seconds(30)

    public static let defaultCatalogueVersions = ["2025.1"]

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
            "\(path) lists no catalogue version: add one a line (e.g. 2025.1) or remove the file to use the default"
        }
    }
}
