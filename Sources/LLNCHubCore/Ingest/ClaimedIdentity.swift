import Foundation
import LLNCProtocol

/// The site and submission an envelope claims to be, read leniently before any check so the
/// store lookups the checks need can be made first (the checks themselves are synchronous).
/// Never trusted: the checks compare it with what they authenticate, and a refusal logs it
/// as a claim.
struct ClaimedIdentity: Sendable {
    let laNumber: String
    let submissionID: String

    init?(_ json: [UInt8]) {
        guard json.count <= Limits.maxEnvelopeBytes,
            let probe = try? JSONDecoder().decode(Probe.self, from: Data(json)),
            probe.header.site.laNumber.utf8.count == 3, probe.header.submissionID.utf8.count <= 64
        else { return nil }
        laNumber = probe.header.site.laNumber
        submissionID = probe.header.submissionID
    }

    private struct Probe: Decodable {
        struct Header: Decodable {
            struct Site: Decodable {
                let laNumber: String
                enum CodingKeys: String, CodingKey { case laNumber = "la_number" }
            }
            let site: Site
            let submissionID: String
            enum CodingKeys: String, CodingKey {
                case site
                case submissionID = "submission_id"
            }
        }
        let header: Header
    }
}
