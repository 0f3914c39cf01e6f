import Foundation
import Hummingbird

/// JSON answers of the query API: snake_case keys as the types declare them, sorted, so the
/// same figures always give the same bytes.
enum JSONAnswer {
    static func bytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try [UInt8](encoder.encode(value))
    }

    static func response(_ value: some Encodable) throws -> Response {
        .json(try bytes(value))
    }
}
