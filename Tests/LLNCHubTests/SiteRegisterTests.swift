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
}
