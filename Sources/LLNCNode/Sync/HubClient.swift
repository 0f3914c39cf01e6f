import Foundation
import LLNCProtocol

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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

/// The node's HTTP client for protocol v1 (URLSession over libcurl). It moves bytes and
/// classifies answers; deciding what to do with them is the outbox's job.
public struct HubClient: Sendable {
    public let baseURL: URL
    let timeout: TimeInterval

    public init(baseURL: URL, timeout: TimeInterval = 60) {
        self.baseURL = baseURL
        self.timeout = timeout
    }

    /// `GET /v1/keys`: the hub's key set, to check against a token's pin before the token's
    /// secret is sent anywhere.
    public func keys() async throws(HubClientError) -> HubKeySet {
        var request = URLRequest(url: baseURL.appendingPathComponent("v1/keys"), timeoutInterval: timeout)
        request.setValue("application/json, application/problem+json", forHTTPHeaderField: "Accept")
        let (status, body) = try await send(request)
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
        let url = baseURL.appendingPathComponent(path)
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json, application/problem+json", forHTTPHeaderField: "Accept")
        request.httpBody = Data(body)
        return try await send(request)
    }

    /// Sends one request: the status and body of any HTTP answer; `unreachable` when none came.
    func send(_ request: URLRequest) async throws(HubClientError) -> (Int, [UInt8]) {
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                throw HubClientError.unexpectedAnswer(status: 0, reason: "not an HTTP answer")
            }
            return (http.statusCode, [UInt8](data))
        } catch let error as HubClientError {
            throw error
        } catch {
            throw .unreachable(url: request.url?.absoluteString ?? "", reason: error.localizedDescription)
        }
    }
}
