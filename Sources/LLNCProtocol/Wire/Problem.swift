import Foundation

/// An RFC 9457 problem details object (`application/problem+json`), the body of every error
/// the hub answers with. `type` is `urn:llnc:problem:<code>` with a stable code; `detail`
/// is written for the person who must act and never carries a record-level value.
public struct Problem: Hashable, Sendable, Codable, Error {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var code: String
    /// Whether the same request may succeed later (a node's outbox backs off) or never will
    /// (it stops and shows the reason).
    public var retryable: Bool
    /// Present on `unsupported-version`: what the hub speaks (version negotiation).
    public var supportedVersions: [Int]?
    /// Present when the hub refused an authenticated envelope (SPEC.md §5.3, §6): its signed
    /// `rejected` receipt, which the node verifies and keeps as proof of the refusal.
    public var receipt: Receipt?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, retryable, receipt
        case supportedVersions = "supported_versions"
    }

    public init(code: String, title: String, status: Int, detail: String, retryable: Bool = false, supportedVersions: [Int]? = nil) {
        self.type = "urn:llnc:problem:\(code)"
        self.title = title
        self.status = status
        self.detail = detail
        self.code = code
        self.retryable = retryable
        self.supportedVersions = supportedVersions
    }

    public init(_ error: ProtocolError) {
        let status: Int
        var supported: [Int]?
        switch error {
        case .tooLarge: status = 413
        case .unknownSigner, .signatureInvalid: status = 401
        case .submissionIDReused, .sequenceRegressed: status = 409
        case .unsupportedVersion(_, let versions):
            status = 400
            supported = versions
        case .enrolmentTokenInvalid: status = 403
        default: status = 400
        }
        self.init(
            code: error.code, title: error.code.replacingOccurrences(of: "-", with: " ").capitalizedFirst,
            status: status, detail: error.description, retryable: error.isRetryable, supportedVersions: supported)
    }

    public func jsonBytes() -> [UInt8] { WireJSON.encode(self) }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
