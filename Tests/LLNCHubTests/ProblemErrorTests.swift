import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// Every error a client can meet goes through one protocol: its problem's status, code and
/// `retryable` reach the client unchanged, whichever part of the hub threw it.
@Suite(.timeLimit(.minutes(10)))
struct ProblemErrorTests {
    @Test(arguments: [
        (HubRejection.storeUnavailable(during: "the enrolment") as any ProblemError, 503, "store-unavailable", true),
        (HubRejection.protocolError(.enrolmentTokenInvalid(reason: "the token has expired")), 403, "enrolment-token-invalid", false),
        (HubRejection.cellNotInCatalogue(.init(field: "cells[0].unit", reason: "is not the unit")), 422, "cell-not-in-catalogue", false),
        (QueryError.notFound(what: "no release"), 404, "not-found", false),
        (QueryError.credentialsInvalid(reason: "unknown token"), 401, "credentials-invalid", false),
        (OperationsRefusal.notReady(timeout: .seconds(2)), 503, "not-ready", true),
        (OperationsRefusal.metricsNotPublic, 403, "forbidden", false),
    ])
    func aThrownProblemErrorIsAnsweredWithItsOwnProblem(error: any ProblemError, status: Int, code: String, retryable: Bool) async throws {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.get("/fails") { _, _ -> Response in throw error }
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/fails", method: .get) { response in
                #expect(Int(response.status.code) == status)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try JSONDecoder().decode(Problem.self, from: Data(response.body.bytes))
                #expect(problem.code == code && problem.retryable == retryable && problem.status == status)
                #expect((response.headers[.wwwAuthenticate] != nil) == (status == 401))
            }
        }
    }
}
