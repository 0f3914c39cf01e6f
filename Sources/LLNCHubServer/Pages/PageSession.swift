import Foundation
import HTTPTypes
import Hummingbird
import LLNCHubCore
import LLNCProtocol

/// The web pages' sign-in: a bearer token typed into a form becomes a session cookie, so a
/// browser never has to send the token itself again.
///
/// The cookie is `<token id>.<session id>.<expiry>.<mac>`, the MAC a keyed BLAKE2b over the
/// token id, the random session id, the expiry and the token's stored secret hash, keyed by a
/// key derived from the hub's signing seed. So a live session needs no row in the store,
/// every hub process on the same hub directory accepts the same cookie, a cookie names no
/// secret, and revoking the token (or the cookie expiring) ends the session: each request
/// looks the token up again. Signing out records the session id as ended (until its expiry),
/// so a copy of the cookie taken before sign-out opens nothing afterwards.
struct PageSession: Sendable {
    static let cookieName = "llnc_session"
    /// Eight hours: a working day.
    static let lifetime: Int64 = 8 * 3600

    let key: KeyedHash
    let access: any AccessStore
    /// Whether the cookie is `Secure`: always behind the TLS proxy, and always when the hub
    /// listens beyond loopback; only plain http on a loopback address (a developer's machine,
    /// the demo) goes without.
    let secureCookie: Bool
    let clock: @Sendable () -> Int64

    init(
        identity: HubIdentity, access: any AccessStore, host: String, behindTLSProxy: Bool = false,
        clock: @escaping @Sendable () -> Int64
    ) {
        let derived = KeyedHash.derive(seed: identity.signing.seed, purpose: "llnc-page-session-v2")
        key = derived
        self.access = access
        secureCookie = behindTLSProxy || !["127.0.0.1", "localhost", "::1"].contains(host)
        self.clock = clock
    }

    /// Checks a token typed into the sign-in form; returns the `Set-Cookie` value.
    func signIn(tokenText: String) async throws -> (Caller, String) {
        let token: AccessToken
        do { token = try AccessToken(parsing: tokenText) } catch {
            throw QueryError.credentialsInvalid(reason: "that is not an access token (they look like llnc-api-v1.ID.SECRET)")
        }
        guard let record = try await access.accessToken(secretHash: token.secretHash), record.id == token.id else {
            throw QueryError.credentialsInvalid(reason: "the token is not one this hub issued")
        }
        guard record.revokedAt == nil else { throw QueryError.tokenRevoked(id: record.id) }
        let expiry = clock() + Self.lifetime
        let session = Hex.encode(SecureRandom.bytes(16))
        let mac = mac(id: record.id, session: session, expiry: expiry, secretHash: record.secretHash)
        return (.token(id: record.id, role: record.role), cookie(value: "\(record.id).\(session).\(expiry).\(mac)", maxAge: Self.lifetime))
    }

    /// The caller a request's session cookie names, or `nil` when there is none or it is no
    /// longer good (expired, forged, or its token revoked).
    func caller(_ request: Request) async throws -> Caller? {
        guard let session = try await verified(request), try await !access.sessionEnded(id: session.id) else { return nil }
        return .token(id: session.token.id, role: session.token.role)
    }

    /// `POST /pages/sign-out`: ends the request's session on the server (a copied cookie
    /// opens nothing afterwards) and answers the `Set-Cookie` that removes it from the browser.
    func signOut(_ request: Request) async throws -> String {
        if let session = try await verified(request) {
            try await access.endSession(id: session.id, expiresAt: session.expiry, at: clock())
        }
        return signOutCookie
    }

    /// The session a request's cookie proves: the MAC checks, it has not expired, and its
    /// token exists and is not revoked.
    private func verified(_ request: Request) async throws -> (token: AccessTokenRecord, id: String, expiry: Int64)? {
        guard let value = Self.cookieValue(request) else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[1].utf8.count == 32, let expiry = Int64(parts[2]), expiry > clock() else { return nil }
        guard let record = try await access.accessTokens().first(where: { $0.id == parts[0] }), record.revokedAt == nil else {
            return nil
        }
        let expected = mac(id: record.id, session: parts[1], expiry: expiry, secretHash: record.secretHash)
        guard Self.constantTimeEqual(Array(expected.utf8), Array(parts[3].utf8)) else { return nil }
        return (record, parts[1], expiry)
    }

    /// A `Set-Cookie` value that removes the session.
    var signOutCookie: String { cookie(value: "", maxAge: 0) }

    private func cookie(value: String, maxAge: Int64) -> String {
        "\(Self.cookieName)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secureCookie ? "; Secure" : "")"
    }

    private func mac(id: String, session: String, expiry: Int64, secretHash: [UInt8]) -> String {
        Hex.encode(key.digest(Array("\(id)|\(session)|\(expiry)|\(Hex.encode(secretHash))".utf8)))
    }

    static func cookieValue(_ request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let trimmed = pair.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("\(cookieName)=") { return String(trimmed.dropFirst(cookieName.count + 1)) }
            }
        }
        return nil
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}

extension KeyedHash {
    /// A key for one purpose from a 32-byte seed, so one secret on disk serves several uses
    /// without any two sharing a key.
    static func derive(seed: [UInt8], purpose: String) -> KeyedHash {
        // The seed is 32 bytes and so is the digest: neither `init` can throw.
        let master = try! KeyedHash(key: seed)
        return try! KeyedHash(key: master.digest(Array(purpose.utf8)))
    }
}
