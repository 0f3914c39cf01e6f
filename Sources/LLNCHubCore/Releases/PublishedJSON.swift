import Foundation

/// The bytes of everything the hub publishes as JSON (released documents, API answers):
/// snake_case keys as the types declare them, sorted, so the same figures always give the
/// same bytes.
public enum PublishedJSON {
    public static func bytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try [UInt8](encoder.encode(value))
    }
}
