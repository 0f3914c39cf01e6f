import Foundation
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

@Suite(.timeLimit(.minutes(10)))
struct SiteRegisterTests {
    @Test(arguments: StoreKind.underTest)
    func aTokenEnrolsOnceAndTheKeySetMatchesItsPin(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            let token = try await hub.register.invite(laNumber: "353")
            let request = EnrolmentRequest.make(site: HubFixture.oldham, token: token, siteKey: HubFixture.siteKey).jsonBytes()
            let keys = try await hub.register.enrol(json: request)
            try keys.check(pinned: token.hubKeysPin)
            let site = try #require(try await hub.store.site(laNumber: "353"))
            #expect(site.status == .active && site.keyID == HubFixture.siteKey.keyID)
            await #expect(throws: HubRejection.protocolError(.enrolmentTokenInvalid(reason: "the token was used before"))) {
                try await hub.register.enrol(json: request)
            }
            #expect(try await hub.store.counts().usedTokens == 1)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func anExpiredTokenIsRefused(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            var hub = try HubFixture(store: under.store)
            let token = try await hub.register.invite(laNumber: "353", lifetime: 60)
            hub.clock = { HubFixture.now + 60 }
            await #expect(throws: HubRejection.protocolError(.enrolmentTokenInvalid(reason: "the token has expired"))) {
                try await hub.register.enrol(
                    json: EnrolmentRequest.make(site: HubFixture.oldham, token: token, siteKey: HubFixture.siteKey).jsonBytes())
            }
            #expect(try await hub.store.counts().sites == 0)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func aTokenForAnotherSiteOrWithoutProofIsRefused(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            let token = try await hub.register.invite(laNumber: "353")
            await #expect(throws: HubRejection.protocolError(.enrolmentTokenInvalid(reason: "the token was issued for another site"))) {
                try await hub.register.enrol(
                    json: EnrolmentRequest.make(site: HubFixture.rochdale, token: token, siteKey: HubFixture.siteKey).jsonBytes())
            }
            var forged = EnrolmentRequest.make(site: HubFixture.oldham, token: token, siteKey: HubFixture.siteKey)
            forged.signingKey = HubFixture.otherKey.publicKey
            await #expect(throws: HubRejection.protocolError(.signatureInvalid)) { try await hub.register.enrol(json: forged.jsonBytes()) }
            let unknown = EnrolmentToken(
                laNumber: "353", expiresAt: HubFixture.now + 99, secret: [UInt8](repeating: 7, count: 32), hubKeysPin: token.hubKeysPin)
            await #expect(throws: HubRejection.protocolError(.enrolmentTokenInvalid(reason: "the token is not one this hub issued"))) {
                try await hub.register.enrol(
                    json: EnrolmentRequest.make(site: HubFixture.oldham, token: unknown, siteKey: HubFixture.siteKey).jsonBytes())
            }
            #expect(try await hub.store.counts().sites == 0)
        }
    }

    @Test(arguments: StoreKind.underTest)
    func aRevokedSiteIsReadmittedOnlyWithANewToken(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            try await hub.register.revoke(laNumber: "353")
            #expect(try await hub.store.site(laNumber: "353")?.status == .revoked)
            try await hub.enrol(key: HubFixture.otherKey)
            let site = try #require(try await hub.store.site(laNumber: "353"))
            #expect(site.status == .active && site.keyID == HubFixture.otherKey.keyID)
            await #expect(throws: SiteRegisterError.notEnrolled("999")) { try await hub.register.revoke(laNumber: "999") }
        }
    }

    @Test(arguments: StoreKind.underTest)
    func afterARotationTheOldKeyIsAnUnknownSigner(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            let rotation = SiteKeyRotation.make(
                site: HubFixture.oldham, from: HubFixture.siteKey, to: HubFixture.otherKey, effectiveAt: "2025-05-01T09:00:00Z")
            let file = try JSONEncoder().encode(RotationStatementFile(rotation))
            try await hub.register.rotate(try JSONDecoder().decode(RotationStatementFile.self, from: file).statement())
            let old = try await hub.ingest.ingest(HubFixture.envelope(sequence: 1).jsonBytes())
            #expect(old.code == "unknown-signer")
            let new = try await hub.ingest.ingest(HubFixture.envelope(key: HubFixture.otherKey, sequence: 1).jsonBytes())
            #expect(new.code == nil)
            #expect(try await hub.store.events().map(\.kind).contains(.keyRotated))
        }
    }

    @Test(arguments: StoreKind.underTest)
    func aRotationNotSignedByTheCurrentKeyIsRefused(_ kind: StoreKind) async throws {
        try await StoreUnderTest.with(kind) { under in
            let hub = try HubFixture(store: under.store)
            try await hub.enrol()
            let stranger = try SigningKeyPair(seed: [UInt8](repeating: 8, count: 32))
            let rotation = SiteKeyRotation.make(site: HubFixture.oldham, from: stranger, to: HubFixture.otherKey, effectiveAt: "2025-05-01T09:00:00Z")
            await #expect(throws: ProtocolError.unknownSigner(keyID: stranger.keyID.hex)) { try await hub.register.rotate(rotation) }
            #expect(try await hub.store.site(laNumber: "353")?.keyID == HubFixture.siteKey.keyID)
        }
    }

    /// `--expires-in` is read without overflow and capped at 90 days: a huge count is refused
    /// with the cap in the message, never wrapped into a negative or far-future expiry.
    @Test(
        arguments: [
            ("999999999999999d", nil), ("99999999999999d", nil), ("91d", nil), ("2161h", nil),
            ("90d", 90 * 86_400), ("2160h", 90 * 86_400), ("0d", nil), ("7d", 7 * 86_400),
            ("30m", 1800), ("-1d", nil), ("+7d", nil), ("7", nil), ("d", nil), ("7w", nil),
        ] as [(String, Int64?)])
    func anInvitationLivesAtMostNinetyDays(_ text: String, _ seconds: Int64?) throws {
        if let seconds {
            #expect(try InvitationLifetime.seconds(text) == seconds)
        } else {
            #expect(throws: SiteRegisterError.self) { try InvitationLifetime.seconds(text) }
        }
    }

    @Test func theCapIsNamedWhenALifetimeIsTooLong() {
        #expect(
            throws: SiteRegisterError.badLifetime("999999999999999d", reason: "a token may live at most 90 days (90d); invite again when it runs out")
        ) {
            try InvitationLifetime.seconds("999999999999999d")
        }
    }

    @Test func theRegisterRefusesALifetimeOverTheCapFromAnyCaller() async throws {
        try await StoreUnderTest.with(.sqlite) { under in
            let hub = try HubFixture(store: under.store)
            await #expect(throws: SiteRegisterError.self) {
                try await hub.register.invite(laNumber: "353", lifetime: InvitationLifetime.maximum + 1)
            }
            await #expect(throws: SiteRegisterError.self) { try await hub.register.invite(laNumber: "353", lifetime: -86_400) }
            #expect(try await hub.store.counts().sites == 0)
        }
    }
}
