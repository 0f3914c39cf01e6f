/// Whether an enrolment token admits a site (SPEC.md §9.2): issued by this hub, not used
/// before, not expired, and for this site. Pure, and the only place this is decided: each
/// store reads the token's row inside its write transaction (so two enrolments with one
/// token cannot both pass), asks here, then writes.
public enum EnrolmentRule {
    /// An issued token as the store holds it.
    public struct Token: Hashable, Sendable {
        public var laNumber: String
        public var expiresAt: Int64
        public var usedAt: Int64?

        public init(laNumber: String, expiresAt: Int64, usedAt: Int64?) {
            self.laNumber = laNumber
            self.expiresAt = expiresAt
            self.usedAt = usedAt
        }
    }

    public static func check(_ token: Token?, laNumber: String, now: Int64) throws(EnrolmentError) {
        guard let token else { throw .refused(reason: "the token is not one this hub issued") }
        guard token.usedAt == nil else { throw .refused(reason: "the token was used before") }
        guard token.expiresAt > now else { throw .refused(reason: "the token has expired") }
        guard token.laNumber == laNumber else { throw .refused(reason: "the token was issued for another site") }
    }
}
