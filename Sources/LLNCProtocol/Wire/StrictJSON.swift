import Foundation

/// A coding key for any name, to list the keys a JSON object actually has.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Decoder {
    /// Protocol messages are closed: a field the spec does not define is an error, not
    /// something silently dropped, so two implementations can never disagree about what was
    /// said.
    func rejectUnknownKeys<K: CodingKey & CaseIterable>(_: K.Type) throws {
        let present = try container(keyedBy: AnyCodingKey.self).allKeys
        let allowed = Set(K.allCases.map(\.stringValue))
        if let extra = present.first(where: { !allowed.contains($0.stringValue) }) {
            throw ProtocolError.malformed(
                field: (codingPath.map(\.stringValue) + [extra.stringValue]).joined(separator: "."),
                reason: "is not a field of protocol v1")
        }
    }
}

/// JSON in and out with the spec's conventions: snake_case keys written explicitly, sorted
/// keys on output (for readable diffs, not for signing: nothing signed is JSON).
enum WireJSON {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding our own closed types cannot fail.
        return [UInt8](try! encoder.encode(value))
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], what: String) throws(ProtocolError) -> T {
        if let repeated = DuplicateKeys.first(in: bytes) {
            throw .malformed(
                field: repeated,
                reason: "appears twice in one object: a message names each field once (readers disagree on which value counts)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as ProtocolError {
            throw error
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw .malformed(field: path(ctx.codingPath + [key]), reason: "is required")
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            throw .malformed(field: path(ctx.codingPath), reason: "has the wrong type")
        } catch let DecodingError.dataCorrupted(ctx) {
            throw .malformed(field: ctx.codingPath.isEmpty ? what : path(ctx.codingPath), reason: "is not valid JSON of the expected form")
        } catch {
            throw .malformed(field: what, reason: "could not be read")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

extension KeyedDecodingContainer {
    /// Base64 (RFC 4648 §4, with padding) bytes, in its one spelling: the one that encoding
    /// the bytes again gives (no unused bits set in the last character).
    func decodeBase64(forKey key: Key) throws -> [UInt8] {
        let text = try decode(String.self, forKey: key)
        guard let data = Data(base64Encoded: text), data.base64EncodedString() == text else {
            throw ProtocolError.malformed(field: key.stringValue, reason: "is not base64 (RFC 4648, with padding, in its canonical spelling)")
        }
        return [UInt8](data)
    }

    /// A fixed-size binary field (an Ed25519 signature is 64 bytes, a key 32): a wrong
    /// length is a malformed message, not a signature that fails to verify, so a client
    /// learns which of its fields is wrong (SPEC.md §4).
    func decodeBase64(forKey key: Key, bytes: Int, what: String) throws -> [UInt8] {
        let value = try decodeBase64(forKey: key)
        guard value.count == bytes else {
            throw ProtocolError.malformed(field: key.stringValue, reason: "must be \(bytes) bytes (\(what)), got \(value.count)")
        }
        return value
    }

    /// `protocol_version`, refused as `unsupported-version` (not as malformed) when this
    /// implementation does not speak it, so version negotiation works for every message.
    func decodeProtocolVersion(forKey key: Key) throws -> Int {
        let version = try decode(Int.self, forKey: key)
        guard Limits.supportedVersions.contains(version) else {
            throw ProtocolError.unsupportedVersion(version, supported: Limits.supportedVersions)
        }
        return version
    }

    /// A BLAKE2b-256 digest written as 64 lowercase hex characters (one spelling: an
    /// uppercase digest is not the same envelope).
    func decodeDigest(forKey key: Key, field: String) throws -> [UInt8] {
        let text = try decode(String.self, forKey: key)
        guard let digest = Hex.decode(text), digest.count == 32, Hex.encode(digest) == text else {
            throw ProtocolError.malformed(field: field, reason: "must be 64 lowercase hex characters")
        }
        return digest
    }
}
