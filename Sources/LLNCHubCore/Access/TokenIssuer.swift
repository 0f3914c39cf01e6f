import Foundation
import LLNCProtocol

/// Makes query API tokens: a fresh secret, of which the store keeps only the hash.
public struct TokenIssuer: Sendable {
    public let store: any AccessStore
    public let clock: @Sendable () -> Int64

    public init(store: any AccessStore, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.clock = clock
    }

    /// The token to hand over (once) and what the hub keeps of it.
    public func create(role: Role, name: String) async throws -> (AccessToken, AccessTokenRecord) {
        let token = AccessToken.issue()
        let record = AccessTokenRecord(id: token.id, name: name, role: role, secretHash: token.secretHash, createdAt: clock())
        try await store.addAccessToken(record)
        return (token, record)
    }
}
