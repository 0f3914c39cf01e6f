import Foundation
import LLNCProtocol

/// The operator's and the node's ways into the site register: invitations, enrolment,
/// revocation and key rotation (SPEC.md §9). The store does each in one transaction; this
/// type does the cryptographic checks around it.
public struct SiteRegister: Sendable {
    public let store: any HubStore
    public let identity: HubIdentity
    public let clock: @Sendable () -> Int64

    public init(store: any HubStore, identity: HubIdentity, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.identity = identity
        self.clock = clock
    }

    /// A one-time token for `laNumber`; the hub keeps only its hash. Print it once and pass
    /// it to the site out of band.
    public func invite(laNumber: String, lifetime: Int64 = Limits.enrolmentTokenLifetime) async throws -> EnrolmentToken {
        guard laNumber.utf8.count == 3, laNumber.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw SiteRegisterError.badLANumber(laNumber)
        }
        try InvitationLifetime.check(lifetime)
        let token = EnrolmentToken.issue(laNumber: laNumber, hubKeys: identity.keySet, now: clock(), lifetime: lifetime)
        try await store.addToken(StoredToken(token), at: clock())
        return token
    }

    /// `POST /v1/enrol`: checks the proof of possession, then the token in the store;
    /// answers the hub's key set, which the node checks against the token's pin.
    public func enrol(json: [UInt8]) async throws(HubRejection) -> HubKeySet {
        let request: EnrolmentRequest
        do {
            request = try EnrolmentRequest.decode(json: json)
            try request.verifyProofOfPossession()
        } catch {
            throw .protocolError(error)
        }
        do {
            try await store.enrol(
                site: request.site, signingKey: request.signingKey,
                tokenHash: EnrolmentToken.hash(secret: request.tokenSecret), at: clock())
        } catch {
            throw error.rejection
        }
        return identity.keySet
    }

    public func revoke(laNumber: String) async throws {
        guard try await store.revoke(laNumber: laNumber, at: clock()) else { throw SiteRegisterError.notEnrolled(laNumber) }
    }

    /// Applies a site's key rotation statement, signed by its current and its new key.
    public func rotate(_ statement: SiteKeyRotation) async throws {
        guard let site = try await store.site(laNumber: statement.site.laNumber), site.status == .active else {
            throw SiteRegisterError.notEnrolled(statement.site.laNumber)
        }
        try statement.verify(oldSigningKey: site.signingKey)
        guard
            try await store.rotateKey(
                laNumber: site.laNumber, oldKeyID: statement.oldKeyID, newSigningKey: statement.newSigningKey, at: clock())
        else { throw SiteRegisterError.keyChangedMeanwhile(site.laNumber) }
    }
}

public enum SiteRegisterError: Error, Equatable, CustomStringConvertible {
    case badLANumber(String)
    case notEnrolled(String)
    case keyChangedMeanwhile(String)
    /// The operator's `--expires-in`, and why it was refused.
    case badLifetime(String, reason: String)

    public var description: String {
        switch self {
        case .badLANumber(let la): "'\(la)' is not a 3-digit DfE LA number (e.g. 353 for Oldham)"
        case .notEnrolled(let la): "site \(la) is not an enrolled, active site; `llnc-hub sites list` shows the register"
        case .keyChangedMeanwhile(let la): "site \(la)'s key changed while the rotation was applied; check `llnc-hub sites list` and retry"
        case .badLifetime(let text, let reason): "--expires-in \(text.prefix(24)) is refused: \(reason)"
        }
    }
}
