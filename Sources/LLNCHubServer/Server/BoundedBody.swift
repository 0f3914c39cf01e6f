import Foundation
import Hummingbird
import LLNCHubCore
import LLNCProtocol

/// Reads a request body with a size limit and a deadline, so neither a huge nor a slow
/// request holds the hub's memory or a connection. A declared `Content-Length` over the
/// limit is refused before a byte of the body is read; an undeclared one is refused as
/// soon as the bytes read pass the limit. A client that stops sending altogether is cut off
/// by the HTTP idle timeout; one that trickles is refused at the first chunk past the
/// deadline.
struct BoundedBody {
    let limit: Int
    let timeout: Duration

    enum Refusal: Error {
        case tooLarge(size: Int)
        case timedOut
    }

    func collect(_ request: Request) async throws(HubRejection) -> [UInt8] {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw .protocolError(.tooLarge(what: "request body", size: declared, limit: limit))
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var bytes: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard bytes.count + buffer.readableBytes <= limit else {
                    throw Refusal.tooLarge(size: bytes.count + buffer.readableBytes)
                }
                guard clock.now < deadline else { throw Refusal.timedOut }
                bytes.append(contentsOf: buffer.readableBytesView)
            }
        } catch Refusal.tooLarge(let size) {
            throw .protocolError(.tooLarge(what: "request body", size: size, limit: limit))
        } catch Refusal.timedOut {
            throw .requestTimeout(seconds: Int(timeout.components.seconds))
        } catch {
            throw .protocolError(.malformed(field: "body", reason: "the request body could not be read"))
        }
        return bytes
    }
}
