import Foundation
import LLNCProtocol

/// Who this node is to the hub: the site, its Ed25519 signing key, and the hub it enrolled
/// with (URL and pinned key set). Kept in the node directory as `site-signing.seed` (owner
/// only) and `enrolment.json` (public information).
///
/// Enrolment pins the hub on first contact: the token carries the hash of the hub's keys, and
/// a hub whose keys do not hash to it is refused before anything is written, so a node can
/// never be talked into sealing data to an impostor.
public struct SiteIdentity: Sendable {
    public let site: SiteID
    public let signingKey: SigningKeyPair
    public let hubURL: URL
    public let hubKeys: HubKeySet

    public init(site: SiteID, signingKey: SigningKeyPair, hubURL: URL, hubKeys: HubKeySet) {
        self.site = site
        self.signingKey = signingKey
        self.hubURL = hubURL
        self.hubKeys = hubKeys
    }

    public var hubSealingKey: Envelope.HubSealingKey { .init(publicKey: hubKeys.sealingKey) }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case alreadyEnrolled(path: String)
        case notEnrolled(path: String)
        case tokenForAnotherSite(token: String, site: String)
        case tokenExpired(expiredAt: String)
        case unreadable(path: String, reason: String)
        case insecureHub(url: String)

        public var description: String {
            switch self {
            case .alreadyEnrolled(let path):
                "this node is already enrolled (\(path)); to enrol again, move the node directory's enrolment.json and site-signing.seed aside"
            case .notEnrolled(let path):
                "this node is not enrolled yet (no \(path)); run `llnc-node init --hub URL --token TOKEN` with the token from the hub operator"
            case .tokenForAnotherSite(let token, let site):
                "the token is for site \(token) but this node is site \(site); ask the hub operator for a token for \(site)"
            case .tokenExpired(let at):
                "the token expired at \(at); ask the hub operator for a new one (`llnc-hub sites invite`)"
            case .unreadable(let path, let reason):
                "cannot read \(path): \(reason)"
            case .insecureHub(let url):
                "\(url) is not https: the enrolment token's secret must not cross a network in clear; use the hub's https address (plain http is allowed only on this machine, 127.0.0.1 or localhost)"
            }
        }
    }

    static func seedURL(_ dir: URL) -> URL { dir.appendingPathComponent("site-signing.seed") }
    static func enrolmentURL(_ dir: URL) -> URL { dir.appendingPathComponent("enrolment.json") }

    /// Enrols with the hub named by `hubURL` using a one-time `token`: fetches the hub's keys
    /// and checks them against the token's pin *before* the token's secret leaves (an
    /// impostor at the address learns nothing it could enrol with), makes (or reuses, after
    /// an interrupted attempt) the site's signing key, proves possession, checks the keys the
    /// enrolment answers with against the pin again, and only then writes `enrolment.json`.
    public static func enrol(
        nodeDirectory dir: URL, hubURL: URL, token: EnrolmentToken, site: SiteID, now: Int64,
        client: HubClient? = nil
    ) async throws -> SiteIdentity {
        guard !FileManager.default.fileExists(atPath: enrolmentURL(dir).path) else {
            throw Failure.alreadyEnrolled(path: enrolmentURL(dir).path)
        }
        guard token.laNumber == site.laNumber else {
            throw Failure.tokenForAnotherSite(token: token.laNumber, site: site.laNumber)
        }
        guard token.expiresAt > now else { throw Failure.tokenExpired(expiredAt: Timestamp.format(token.expiresAt)) }
        guard hubURL.scheme == "https" || (hubURL.scheme == "http" && isLoopback(hubURL.host)) else {
            throw Failure.insecureHub(url: hubURL.absoluteString)
        }
        let hub = client ?? HubClient(baseURL: hubURL)
        try await hub.keys().check(pinned: token.hubKeysPin)
        // A refused or failed enrolment leaves nothing behind: no key the hub never
        // registered, and no directory this call made.
        let fm = FileManager.default
        let madeDirectory = !fm.fileExists(atPath: dir.path)
        try OwnerOnly.directory(dir)
        var madeSeed = false
        do {
            let key: SigningKeyPair
            if fm.fileExists(atPath: seedURL(dir).path) {
                key = try SigningKeyPair(seed: SecretFile.read(seedURL(dir), length: SigningKeyPair.seedLength))
            } else {
                key = SigningKeyPair.generate()
                try SecretFile.create(seedURL(dir), bytes: key.seed)
                madeSeed = true
            }
            let hubKeys = try await hub.enrol(EnrolmentRequest.make(site: site, token: token, siteKey: key))
            try hubKeys.check(pinned: token.hubKeysPin)
            let identity = SiteIdentity(site: site, signingKey: key, hubURL: hubURL, hubKeys: hubKeys)
            let record = Record(
                site: site, hubURL: hubURL.absoluteString, hubKeys: hubKeys, siteKeyID: key.keyID.hex, enrolledAt: Timestamp.format(now))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(record).write(to: enrolmentURL(dir), options: .atomic)
            // It pins the hub's keys: another account that could rewrite it could redirect the node.
            try OwnerOnly.restrict([enrolmentURL(dir).path])
            return identity
        } catch {
            if madeSeed { try? fm.removeItem(at: seedURL(dir)) }
            if madeDirectory, (try? fm.contentsOfDirectory(atPath: dir.path))?.isEmpty == true { try? fm.removeItem(at: dir) }
            throw error
        }
    }

    /// Loopback only: 127.0.0.0/8, ::1 or localhost.
    static func isLoopback(_ host: String?) -> Bool {
        guard let host else { return false }
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The identity of an enrolled node.
    public static func load(nodeDirectory dir: URL) throws -> SiteIdentity {
        let url = enrolmentURL(dir)
        try OwnerOnly.checkNotWritableByOthers(url.path, what: "the node's enrolment, which pins the hub's keys")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Failure.notEnrolled(path: url.path) }
        let record: Record
        do { record = try JSONDecoder().decode(Record.self, from: data) } catch {
            throw Failure.unreadable(path: url.path, reason: "not an enrolment record (\(error))")
        }
        guard let hubURL = URL(string: record.hubURL) else { throw Failure.unreadable(path: url.path, reason: "hub_url is not a URL") }
        let key = try SigningKeyPair(seed: SecretFile.read(seedURL(dir), length: SigningKeyPair.seedLength))
        guard key.keyID.hex == record.siteKeyID else {
            throw Failure.unreadable(
                path: seedURL(dir).path,
                reason: "the key is not the one enrolled (key id \(key.keyID), enrolled \(record.siteKeyID)); restore the enrolled key from backup")
        }
        return SiteIdentity(site: record.site, signingKey: key, hubURL: hubURL, hubKeys: record.hubKeys)
    }

    private struct Record: Codable {
        var site: SiteID
        var hubURL: String
        var hubKeys: HubKeySet
        var siteKeyID: String
        var enrolledAt: String

        enum CodingKeys: String, CodingKey {
            case site
            case hubURL = "hub_url"
            case hubKeys = "hub_keys"
            case siteKeyID = "site_key_id"
            case enrolledAt = "enrolled_at"
        }
    }
}
