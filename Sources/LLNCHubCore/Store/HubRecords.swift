import LLNCProtocol

/// One site in the hub's register, keyed by its DfE LA number.
public struct SiteRecord: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case active, revoked
    }

    public var laNumber: String
    public var onsCode: String
    public var status: Status
    /// The site's current Ed25519 public key: the only key whose envelopes are accepted.
    public var signingKey: [UInt8]
    public var keyID: KeyID
    public var enrolledAt: Int64

    package init(laNumber: String, onsCode: String, status: Status, signingKey: [UInt8], keyID: KeyID, enrolledAt: Int64) {
        self.laNumber = laNumber
        self.onsCode = onsCode
        self.status = status
        self.signingKey = signingKey
        self.keyID = keyID
        self.enrolledAt = enrolledAt
    }
}

/// An enrolment token as the hub keeps it: the secret's hash, never the secret.
public struct StoredToken: Hashable, Sendable {
    public var secretHash: [UInt8]
    public var laNumber: String
    public var expiresAt: Int64

    public init(_ token: EnrolmentToken) {
        secretHash = token.secretHash
        laNumber = token.laNumber
        expiresAt = token.expiresAt
    }
}

/// Why an enrolment did not happen. Every refusal answers `enrolment-token-invalid`, so a
/// caller probing tokens learns nothing about which part was wrong; a store failure is the
/// hub's fault and answers a retryable 503 (the transaction rolled back: the token is unused).
public enum EnrolmentError: Error, Equatable, Sendable {
    case refused(reason: String)
    case store(String)

    var rejection: HubRejection {
        switch self {
        case .refused(let reason): .protocolError(.enrolmentTokenInvalid(reason: reason))
        case .store: .storeUnavailable(during: "the enrolment")
        }
    }
}

/// What the replay rule (SPEC.md §7) needs from the store.
public struct ReplayFacts: Hashable, Sendable {
    public var highestAcceptedSequence: UInt64
    /// The envelope digest stored under the submission id, if any site used it before.
    public var digestForSubmissionID: [UInt8]?

    package init(highestAcceptedSequence: UInt64, digestForSubmissionID: [UInt8]? = nil) {
        self.highestAcceptedSequence = highestAcceptedSequence
        self.digestForSubmissionID = digestForSubmissionID
    }
}

/// An envelope that passed every check, ready to be stored with its signed receipt.
public struct AcceptedSubmission: Sendable {
    public var header: EnvelopeHeader
    public var cells: [Cell]
    public var receivedAt: Int64
    public var receiptJSON: [UInt8]

    /// Public so a loader (llnc-bench hub-load) can fill a store through `HubStore.store`
    /// without sealing envelopes; the ingest makes these after its checks.
    public init(header: EnvelopeHeader, cells: [Cell], receivedAt: Int64, receiptJSON: [UInt8]) {
        self.header = header
        self.cells = cells
        self.receivedAt = receivedAt
        self.receiptJSON = receiptJSON
    }
}

/// What `HubStore.store` did, decided inside its transaction.
public enum StoreOutcome: Equatable, Sendable {
    case stored
    /// The same envelope was stored first (a concurrent or repeated push): its receipt.
    case alreadyStored(receiptJSON: [UInt8])
    /// The situation changed between the checks and the transaction.
    case refused(HubRejection)
}

/// One entry of the hub's append-only log. Carries ids and codes, never a cell value.
public struct HubEvent: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case tokenIssued = "token-issued"
        case enrolled, revoked
        case keyRotated = "key-rotated"
        case accepted, rejected
    }

    public var id: Int64
    public var at: Int64
    public var kind: Kind
    public var laNumber: String?
    public var submissionID: String?
    public var code: String?

    package init(id: Int64, at: Int64, kind: Kind, laNumber: String? = nil, submissionID: String? = nil, code: String? = nil) {
        self.id = id
        self.at = at
        self.kind = kind
        self.laNumber = laNumber
        self.submissionID = submissionID
        self.code = code
    }
}

/// Row counts of every table: how tests show that a refusal changed nothing.
public struct HubCounts: Hashable, Sendable {
    public var sites: Int
    public var activeSites: Int
    public var tokens: Int
    public var usedTokens: Int
    public var submissions: Int
    public var cells: Int
    public var events: Int

    package init(sites: Int, activeSites: Int, tokens: Int, usedTokens: Int, submissions: Int, cells: Int, events: Int) {
        self.sites = sites
        self.activeSites = activeSites
        self.tokens = tokens
        self.usedTokens = usedTokens
        self.submissions = submissions
        self.cells = cells
        self.events = events
    }
}

/// A cell as stored: the wire cell plus where it came from and whether a later submission
/// of the same site superseded it.
public struct StoredCell: Hashable, Sendable {
    public var cell: Cell
    public var submissionID: String
    /// The sequence of the submission that brought this value.
    public var vintage: UInt64
    public var supersededBy: String?

    package init(cell: Cell, submissionID: String, vintage: UInt64, supersededBy: String? = nil) {
        self.cell = cell
        self.submissionID = submissionID
        self.vintage = vintage
        self.supersededBy = supersededBy
    }
}

/// How many requests that did not authenticate were refused with `code` on one UTC `day`
/// (`YYYY-MM-DD`).
public struct UnauthenticatedRefusals: Hashable, Sendable {
    public var day: String
    public var code: String
    public var count: Int

    public init(day: String, code: String, count: Int) {
        self.day = day
        self.code = code
        self.count = count
    }

    /// The UTC day of `now`, and the first day still kept (400 days back).
    package static func days(at now: Int64) -> (day: String, oldestKept: String) {
        (String(Timestamp.format(now).prefix(10)), String(Timestamp.format(now - 400 * 86_400).prefix(10)))
    }
}
