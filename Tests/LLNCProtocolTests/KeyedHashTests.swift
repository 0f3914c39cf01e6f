import Testing

@testable import LLNCProtocol

@Suite(.timeLimit(.minutes(10)))
struct KeyedHashTests {
    @Test func hexRoundTripsEveryByte() {
        let bytes = (0...255).map(UInt8.init)
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }

    @Test func sameKeySameIdentifierSameDigest() throws {
        let key = KeyedHash.generateKey()
        let hash = try KeyedHash(key: key)
        #expect(hash.hexDigest("A123") == hash.hexDigest("A123"))
        #expect(hash.hexDigest("A123") != hash.hexDigest("A124"))
    }

    @Test func anotherSiteSecretGivesUnlinkableDigests() throws {
        let a = try KeyedHash(key: KeyedHash.generateKey())
        let b = try KeyedHash(key: KeyedHash.generateKey())
        #expect(a.hexDigest("A123") != b.hexDigest("A123"))
    }

    @Test func keyOfWrongLengthIsRefused() {
        #expect(throws: ProtocolError.self) { try KeyedHash(key: [1, 2, 3]) }
    }

    /// Python's hashlib.blake2b(key=bytes(range(32)), digest_size=32) is an independent
    /// implementation of the same primitive; agreeing with it pins us to real keyed BLAKE2b.
    @Test func matchesAnIndependentKeyedBlake2b() throws {
        let hash = try KeyedHash(key: Array(0..<32))
        #expect(Hex.encode(hash.digest([UInt8]())) == "4e51e7a913fc80137da52880fecca175bf81e117d5c68126dc2774033517ea0d")
        #expect(hash.hexDigest("A123") == "9bd7d25fe1cd98cb8c37a0abac9a989d91ca74fd0a34c7397a819adbaefabfac")
    }
}
