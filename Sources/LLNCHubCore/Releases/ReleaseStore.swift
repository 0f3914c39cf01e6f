/// Releases and the release ledger. A release is immutable once stored: the API, exports
/// and pages serve only released figures, and a new release of a period supersedes the
/// previous one for readers without changing it. Separate from `HubStore` so a store
/// implements it beside the protocol tables (SQLite: `SQLiteHubStore+Releases.swift`).
///
/// Figures are kept as JSON documents (the comparison model's own encoding) under a kind
/// and a key, so the schema does not change when the model gains a field.
public protocol ReleaseStore: Sendable {
    /// Stores the release, its documents and its ledger entries in one transaction, only if
    /// the ledger still holds exactly `ledgerLength` entries (nothing was released since the
    /// release was planned and re-checked against it); returns false, storing nothing, if it
    /// grew. Throws (storing nothing) if the id was used before.
    func storeRelease(
        _ release: ReleaseRecord, documents: [ReleasedDocument], ledger: [LedgerLine], ledgerLength: Int
    ) async throws -> Bool
    /// Every release, oldest first.
    func releases() async throws -> [ReleaseRecord]
    /// One document of a release, by kind and key.
    func releasedDocument(releaseID: String, kind: ReleasedDocument.Kind, key: String) async throws -> [UInt8]?
    /// Every document of one kind in a release, ordered by key.
    func releasedDocuments(releaseID: String, kind: ReleasedDocument.Kind) async throws -> [ReleasedDocument]
    /// Everything published before, oldest first: what the next release is re-checked against.
    func ledger() async throws -> [LedgerLine]
}

extension ReleaseStore {
    /// The newest release of `period`: the one readers see.
    public func currentRelease(period: String) async throws -> ReleaseRecord? {
        try await releases().last { $0.period == period }
    }

    /// The newest release of every period, by period.
    public func currentReleases() async throws -> [ReleaseRecord] {
        var latest: [String: ReleaseRecord] = [:]
        for release in try await releases() { latest[release.period] = release }
        return latest.values.sorted { $0.period < $1.period }
    }
}

/// What identifies a release and what it was made from.
public struct ReleaseRecord: Hashable, Sendable, Codable {
    /// `<period>.<n>`: the n-th release of the period (e.g. `2024-25.2`).
    public var id: String
    public var period: String
    public var releasedAt: Int64
    /// The catalogue versions the hub published when the release was made.
    public var catalogueVersions: [String]
    /// Whether the hub was told its figures are synthetic (`--synthetic-data`).
    public var synthetic: Bool
    /// How many figures were published, and how many withheld by the hub's re-check.
    public var published: Int
    public var withheld: Int

    public init(
        id: String, period: String, releasedAt: Int64, catalogueVersions: [String], synthetic: Bool, published: Int,
        withheld: Int
    ) {
        self.id = id
        self.period = period
        self.releasedAt = releasedAt
        self.catalogueVersions = catalogueVersions
        self.synthetic = synthetic
        self.published = published
        self.withheld = withheld
    }

    enum CodingKeys: String, CodingKey {
        case id, period, synthetic, published, withheld
        case releasedAt = "released_at"
        case catalogueVersions = "catalogue_versions"
    }
}

/// One released JSON document: a comparison (`indicator|breakdown`) or an indicator's
/// metadata (`indicator`). Profiles, series and open data are read out of the comparisons.
public struct ReleasedDocument: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case comparison, indicator
    }

    public var kind: Kind
    public var key: String
    public var json: [UInt8]

    public init(kind: Kind, key: String, json: [UInt8]) {
        self.kind = kind
        self.key = key
        self.json = json
    }
}

/// One ledger entry as stored: the comparison module's encoding, and the release it came with.
public struct LedgerLine: Hashable, Sendable {
    public var releaseID: String
    public var json: [UInt8]

    public init(releaseID: String, json: [UInt8]) {
        self.releaseID = releaseID
        self.json = json
    }
}
