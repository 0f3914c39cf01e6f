import Hummingbird
import LLNCHubCore

/// JSON answers of the query API, in `PublishedJSON`'s bytes.
enum JSONAnswer {
    static func response(_ value: some Encodable) throws -> Response {
        .json(try PublishedJSON.bytes(value))
    }
}
