import AsyncHTTPClient
import Foundation
import LLNCProtocol
import NIOHTTP1

/// What went wrong talking to the hub, split the way the outbox needs it: retry later, or
/// stop and show the hub's reason to a person.
public enum HubClientError: Error, CustomStringConvertible, Sendable {
    /// No answer (connection refused, timeout, DNS): retry with backoff.
    case unreachable(url: String, reason: String)
    /// The hub answered with an RFC 9457 problem; `problem.retryable` says whether to retry.
    case refused(Problem, receipt: Receipt?)
    /// The hub answered something that is not protocol v1.
    case unexpectedAnswer(status: Int, reason: String)

    public var isRetryable: Bool {
        switch self {
        case .unreachable: true
        case .refused(let problem, _): problem.retryable || problem.status >= 500
        case .unexpectedAnswer(let status, _): status >= 500
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let url, let reason): "the hub at \(url) did not answer (\(reason)); the node will retry"
        case .refused(let problem, _): "the hub refused: \(problem.code): \(problem.detail)"
        case .unexpectedAnswer(let status, let reason): "the hub answered HTTP \(status), which is not protocol v1 (\(reason))"
        }
    }
}

/// The node's HTTP client for protocol v1 (over `HubHTTP`). It moves bytes and classifies
/// answers; deciding what to do with them is the outbox's job.
public struct HubClient: Sendable {
    public let baseURL: URL
    let timeout: TimeInterval

    public init(baseURL: URL, timeout: TimeInterval = 60) {
        self.baseURL = baseURL
        self.timeout = timeout
    }

    static let accept = ("Accept", "application/json, application/problem+json")

    /// `GET /v1/keys`: the hub's key set, to check against a token's pin before the token's
    /// secret is sent anywhere.
    public func keys() async throws(HubClientError) -> HubKeySet {
        let (status, body) = try await send(.GET, baseURL.appendingPathComponent("v1/keys"), headers: [Self.accept])
        guard status == 200 else { throw refusal(status: status, body: body) }
        do { return try HubKeySet.decode(json: body) } catch {
            throw .unexpectedAnswer(status: status, reason: "key set answer is not a hub key set: \(error)")
        }
    }

    /// `POST /v1/enrol`: returns the hub's key set (the caller checks it against the pin).
    public func enrol(_ request: EnrolmentRequest) async throws(HubClientError) -> HubKeySet {
        let (status, body) = try await post("v1/enrol", body: request.jsonBytes())
        guard status == 200 else { throw refusal(status: status, body: body) }
        do { return try HubKeySet.decode(json: body) } catch {
            throw .unexpectedAnswer(status: status, reason: "enrolment answer is not a hub key set: \(error)")
        }
    }

    /// `POST /v1/submissions`: the hub's signed receipt for an accepted or duplicate
    /// envelope; a refusal throws, carrying the signed `rejected` receipt when the hub gave one.
    public func submit(envelopeJSON: [UInt8]) async throws(HubClientError) -> Receipt {
        let (status, body) = try await post("v1/submissions", body: envelopeJSON)
        guard status == 200 else { throw refusal(status: status, body: body) }
        do { return try Receipt.decode(json: body) } catch {
            throw .unexpectedAnswer(status: status, reason: "submission answer is not a receipt: \(error)")
        }
    }

    func refusal(status: Int, body: [UInt8]) -> HubClientError {
        guard let problem = try? JSONDecoder().decode(Problem.self, from: Data(body)) else {
            return .unexpectedAnswer(status: status, reason: "no problem details in the answer")
        }
        return .refused(problem, receipt: problem.receipt)
    }

    private func post(_ path: String, body: [UInt8]) async throws(HubClientError) -> (Int, [UInt8]) {
        try await send(.POST, baseURL.appendingPathComponent(path), headers: [("Content-Type", "application/json"), Self.accept], body: body)
    }

    /// Sends one request: the status and body of any HTTP answer; `unreachable` when none came.
    func send(_ method: HTTPMethod, _ url: URL, headers: [(String, String)], body: [UInt8]? = nil) async throws(HubClientError) -> (Int, [UInt8]) {
        do {
            return try await HubHTTP.send(method, url, headers: headers, body: body, timeout: timeout)
        } catch {
            throw .unreachable(url: url.absoluteString, reason: Self.reason(error))
        }
    }

    /// What went wrong, in words for the person reading `llnc-node status`.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError where error == .deadlineExceeded: "no answer within the time allowed"
        case let error as HTTPClientError where error == .connectTimeout: "the connection timed out"
        case let error as HTTPClientError where error == .remoteConnectionClosed: "the hub closed the connection without answering"
        default: String(describing: error)
        }
    }
}
