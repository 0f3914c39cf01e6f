import LLNCProtocol

/// Who may call the query API and what each call was: bearer tokens (hash only) and the
/// per-token query log. Separate from `HubStore` so a store implements it beside the
/// protocol tables (SQLite: `SQLiteHubStore+Access.swift`).
public protocol AccessStore: Sendable {
    /// Keeps a new token's id, role, name and secret hash (never the secret).
    func addAccessToken(_ token: AccessTokenRecord) async throws
    /// The token whose secret hashes to `secretHash`, revoked or not.
    func accessToken(secretHash: [UInt8]) async throws -> AccessTokenRecord?
    func accessTokens() async throws -> [AccessTokenRecord]
    /// Marks the token revoked; `false` when there is no such token or it was revoked before.
    func revokeAccessToken(id: String, at now: Int64) async throws -> Bool
    /// Appends one line to the query log.
    func logQuery(_ entry: QueryLogEntry) async throws
    func queryLog() async throws -> [QueryLogEntry]
    /// Records that the page session `id` was signed out; it stays refused until `expiresAt`,
    /// when its cookie would have expired anyway, and rows past their expiry are dropped then.
    func endSession(id: String, expiresAt: Int64, at now: Int64) async throws
    /// Whether the page session `id` was signed out.
    func sessionEnded(id: String) async throws -> Bool
}

/// What a caller of the query API may do. An operator may do everything an analyst may.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// Runs the hub: sites, catalogue, submissions listings, releases; reads figures too.
    case `operator`
    /// Reads every published (released) figure.
    case analyst
}

/// A token as the hub keeps it.
public struct AccessTokenRecord: Hashable, Sendable {
    public var id: String
    public var name: String
    public var role: Role
    public var secretHash: [UInt8]
    public var createdAt: Int64
    public var revokedAt: Int64?

    public init(id: String, name: String, role: Role, secretHash: [UInt8], createdAt: Int64, revokedAt: Int64? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// One query: who (token id, `site:LA` for a signed site request, or `public`), which
/// route (its template, never the raw path or query), the answer's status, and when.
public struct QueryLogEntry: Hashable, Sendable {
    public var caller: String
    public var route: String
    public var status: Int
    public var at: Int64

    public init(caller: String, route: String, status: Int, at: Int64) {
        self.caller = caller
        self.route = route
        self.status = status
        self.at = at
    }
}
