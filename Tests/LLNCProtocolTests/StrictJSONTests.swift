import Foundation
import Testing

@testable import LLNCProtocol

/// One message, one meaning: a repeated key (readers disagree on which value counts) and a
/// second spelling of a signed field are refused, whoever parses the message.
@Suite(.timeLimit(.minutes(10)))
struct StrictJSONTests {
    @Test(
        arguments: [
            (#"{"a":1,"b":2}"#, nil),
            (#"{"a":1,"a":2}"#, "a"),
            (#"{"a":1,"\u0061":2}"#, "a"),
            (#"{"header":{"x":"a","y":{"x":1},"x":"b"}}"#, "header.x"),
            (#"{"cells":[{"v":1},{"v":2},{"v":3,"w":"v","v":4}]}"#, "cells[2].v"),
            (#"{"a":[{"a":1},{"a":2}],"b":{"a":{"a":3}}}"#, nil),
            (#"{"s":"a \"quoted\" \\ key","k":"{\"k\":1}"}"#, nil),
            (#"{"\ud83d\ude00":1,"😀":2}"#, "😀"),
        ] as [(String, String?)])
    func aKeyNamedTwiceInOneObjectIsFound(json: String, repeated: String?) {
        #expect(DuplicateKeys.first(in: Array(json.utf8)) == repeated)
    }

    @Test func anEnvelopeWithARepeatedHeaderFieldIsMalformed() throws {
        let wire = String(decoding: try Fixtures.envelope().jsonBytes(), as: UTF8.self)
        let doubled = wire.replacingOccurrences(of: #""sequence":"#, with: #""sequence":99,"sequence":"#)
        #expect(doubled != wire)
        #expect(
            throws: ProtocolError.malformed(
                field: "header.sequence",
                reason: "appears twice in one object: a message names each field once (readers disagree on which value counts)")
        ) {
            try Envelope.decode(json: Array(doubled.utf8))
        }
    }

    @Test func anUppercasePayloadDigestIsNotTheSameEnvelope() throws {
        let envelope = try Fixtures.envelope()
        let wire = String(decoding: envelope.jsonBytes(), as: UTF8.self)
        let digest = Hex.encode(envelope.header.payloadDigest)
        #expect(digest.contains { $0.isLetter })
        let shouted = wire.replacingOccurrences(of: digest, with: digest.uppercased())
        #expect(throws: ProtocolError.self) { try Envelope.decode(json: Array(shouted.utf8)) }
    }

    @Test func base64WithUnusedBitsSetIsRefused() throws {
        let envelope = try Fixtures.envelope()
        let wire = String(decoding: envelope.jsonBytes(), as: UTF8.self)
        let signature = Data(envelope.signature).base64EncodedString()
        // 64 bytes end in "==": the last character before them carries 4 unused bits.
        let last = signature.index(signature.endIndex, offsetBy: -3)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let position = alphabet.firstIndex(of: signature[last])!
        var other = signature
        other.replaceSubrange(last...last, with: String(alphabet[position ^ 1]))
        #expect(Data(base64Encoded: other) == Data(base64Encoded: signature))
        let respelled = wire.replacingOccurrences(of: signature, with: other)
        #expect(throws: ProtocolError.self) { try Envelope.decode(json: Array(respelled.utf8)) }
    }
}
