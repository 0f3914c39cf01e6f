import Foundation
import Hummingbird
import LLNCHubCore
import LLNCProtocol

/// Routes for running the hub (`operator` tokens only): the site register, the catalogue
/// versions, and the submissions received. Listings carry ids, codes and times, never a
/// figure: released figures are read through the published routes.
func operatorRoutes(store: any HubStore, configuration: HubConfiguration) -> [HubRoute] {
    [
        HubRoute(.get, "/v1/sites", access: .operator) { _, _, _ in
            try JSONAnswer.response(SiteListing(sites: try await store.sites().map(SiteListing.Site.init)))
        },
        HubRoute(.get, "/v1/catalogue", access: .operator) { _, _, _ in
            try JSONAnswer.response(["catalogue_versions": configuration.acceptedCatalogueVersions])
        },
        HubRoute(.get, "/v1/submissions", access: .operator) { request, _, _ in
            let query = request.uri.queryParameters
            let after =
                try query.get("after").map { text throws(QueryError) -> Int64 in
                    guard let value = Int64(text), value >= 0 else { throw .badParameter(name: "after", reason: "must be a page's `next` value") }
                    return value
                } ?? 0
            let limit =
                try query.get("limit").map { text throws(QueryError) -> Int in
                    guard let value = Int(text), (1...SubmissionListing.largestPage).contains(value) else {
                        throw .badParameter(name: "limit", reason: "must be 1 to \(SubmissionListing.largestPage)")
                    }
                    return value
                } ?? SubmissionListing.largestPage
            let page = try await store.acceptedSubmissions(after: after, limit: limit)
            return try JSONAnswer.response(
                SubmissionListing(
                    submissions: page.map(SubmissionListing.Submission.init), next: page.count == limit ? page.last?.id : nil))
        },
    ]
}

struct SiteListing: Encodable {
    struct Site: Encodable {
        let laNumber: String
        let onsCode: String
        let status: String
        let keyID: String
        let enrolledAt: String

        init(_ record: SiteRecord) {
            laNumber = record.laNumber
            onsCode = record.onsCode
            status = record.status.rawValue
            keyID = record.keyID.hex
            enrolledAt = Timestamp.format(record.enrolledAt)
        }

        enum CodingKeys: String, CodingKey {
            case status
            case laNumber = "la_number"
            case onsCode = "ons_code"
            case keyID = "key_id"
            case enrolledAt = "enrolled_at"
        }
    }

    let sites: [Site]
}

struct SubmissionListing: Encodable {
    struct Submission: Encodable {
        let submissionID: String
        let laNumber: String
        let receivedAt: String

        init(_ event: HubEvent) {
            submissionID = event.submissionID ?? ""
            laNumber = event.laNumber ?? ""
            receivedAt = Timestamp.format(event.at)
        }

        enum CodingKeys: String, CodingKey {
            case submissionID = "submission_id"
            case laNumber = "la_number"
            case receivedAt = "received_at"
        }
    }

    /// A page holds at most this many; `next` continues after it.
    static let largestPage = 1000

    let submissions: [Submission]
    /// Give as `after` for the next page; absent on the last one.
    let next: Int64?
}
