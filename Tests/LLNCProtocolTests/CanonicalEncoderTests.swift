import Testing

@testable import LLNCProtocol

@Suite(.timeLimit(.minutes(10)))
struct CanonicalEncoderTests {
    @Test func integersAreFixedWidthBigEndian() {
        var e = CanonicalEncoder()
        e.u16(0x0102)
        e.u32(3)
        e.u64(0x0405)
        e.i64(-1)
        #expect(Hex.encode(e.output) == "0102" + "00000003" + "0000000000000405" + "ffffffffffffffff")
    }

    @Test func stringsAreLengthPrefixedUTF8() {
        var e = CanonicalEncoder()
        e.string("é")
        e.bytes([0xff])
        #expect(Hex.encode(e.output) == "00000002c3a9" + "00000001ff")
    }

    @Test func mapsAreSortedByKeyBytesWhateverTheInsertionOrder() {
        var a = CanonicalEncoder()
        a.map(["sex": "2", "age_band": "0-1", "Z": "x"])
        var b = CanonicalEncoder()
        b.map(["Z": "x", "age_band": "0-1", "sex": "2"])
        #expect(a.output == b.output)
        // "Z" (0x5a) sorts before "a" (0x61): byte order, not locale order.
        #expect(Array(a.output[4..<9]) == [0, 0, 0, 1, 0x5a])
    }

    @Test func optionalsAndListsAreTagged() {
        var e = CanonicalEncoder()
        e.optional(nil as String?) { $0.string($1) }
        e.optional("a") { $0.string($1) }
        e.list([1, 2] as [UInt16]) { $0.u16($1) }
        #expect(Hex.encode(e.output) == "00" + "01" + "0000000161" + "00000002" + "0001" + "0002")
    }

    @Test func keyIDsDifferByAlgorithmForTheSameBytes() {
        let bytes = Fixtures.seed(9)
        #expect(KeyID(ed25519: bytes) != KeyID(x25519: bytes))
        #expect(KeyID(ed25519: bytes).hex.count == 32)
    }
}

@Suite(.timeLimit(.minutes(10)))
struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2000-02-29T12:00:00Z", Int64(951_825_600)),
        ("2025-05-01T09:30:00Z", Int64(1_746_091_800)),
    ])
    func parsesAndFormatsTheExactForm(text: String, seconds: Int64) {
        #expect(Timestamp.parse(text) == seconds)
        #expect(Timestamp.format(seconds) == text)
    }

    @Test(arguments: ["2025-05-01T09:30:00.5Z", "2025-05-01 09:30:00Z", "2025-02-29T00:00:00Z", "2025-05-01T09:30:00+01:00", ""])
    func refusesEverythingElse(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}

@Suite(.timeLimit(.minutes(10)))
struct CellRuleTests {
    @Test func aNegativeCountIsMalformed() {
        let cell = Cell(indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: .published, value: "-5")
        #expect(throws: ProtocolError.malformed(field: "cells[0].value", reason: "is a negative count; counts are 0 or more")) {
            try cell.validate(index: 0)
        }
    }

    /// The counts behind a ratio go only with a ratio that is shown: on a withheld cell they
    /// would give away what the suppression hides.
    @Test(arguments: [
        Cell(
            indicator: "gld", definitionVersion: 1, period: "2024-25", unit: .percentage, status: .suppressed, symbol: .confidential,
            numerator: "40", denominator: "80"),
        Cell(
            indicator: "cla_starts", definitionVersion: 1, period: "2024-25", unit: .count, status: .published, value: "40",
            numerator: "40", denominator: "80"),
    ])
    func numeratorsGoOnlyWithShownRatios(cell: Cell) {
        #expect(throws: ProtocolError.self) { try cell.validate(index: 0) }
    }
}
