import Foundation
import LLNCCatalogue
import LLNCProtocol
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// SPEC.md §10 lists every code a client can receive with its HTTP status and whether it is
/// retryable, as the hub answers it: an outside implementation reads the table, not the code.
@Suite(.timeLimit(.minutes(10)))
struct ErrorCodeListTests {
    static let spec = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("protocol/SPEC.md"), encoding: .utf8)

    /// One of each problem the hub can answer with.
    static let problems: [Problem] =
        [
            ProtocolError.malformed(field: "header", reason: "x"), .unsupportedVersion(9, supported: [1]),
            .tooLarge(what: "envelope", size: 20, limit: 16),
            .unknownSigner(keyID: "k"), .signatureInvalid, .ciphertextTampered, .wrongHubKey(expected: "k", got: "j"), .sealOpenFailed,
            .innerIdentityMismatch(field: "site"), .submissionIDReused(submissionID: "s"), .sequenceRegressed(got: 1, highestAccepted: 2),
            .clockSkew(secondsAhead: 900, allowance: 300), .enrolmentTokenInvalid(reason: "x"),
        ].map { HubRejection.protocolError($0).problem }
        + [
            HubRejection.siteRevoked(laNumber: "353"), .catalogueVersionUnknown(got: "x", accepted: []),
            .cellNotInCatalogue(CellOutsideCatalogue(field: "cells[0].unit", reason: "x")), .figureImpossible(field: "cells[0].value", reason: "x"),
            .belowDisclosureThreshold(field: "cells[0].value"), .storeUnavailable(during: "x"), .requestTimeout(seconds: 60),
        ].map(\.problem)
        + [
            QueryError.unauthenticated(route: "GET /v1/sites"), .credentialsInvalid(reason: "x"), .tokenRevoked(id: "t"),
            .forbidden(reason: "x"), .badParameter(name: "p", reason: "x"), .notFound(what: "x"), .releaseFailed(reason: "x"),
            .methodNotAllowed(method: "PUT", path: "/v1/sites", allow: "GET, HEAD, OPTIONS"),
        ].map(\.problem) + [
            OperationsRefusal.notReady(timeout: .seconds(2)).problem, TrafficRefusal.rateLimited(retryAfter: 5, limit: 30, window: 60).problem,
        ]

    @Test(arguments: problems)
    func everyCodeIsInTheSpecWithItsStatusAndRetryability(problem: Problem) throws {
        let row = try #require(
            Self.spec.split(separator: "\n").first { $0.hasPrefix("| `\(problem.code)` |") },
            "SPEC.md §10 does not list \(problem.code)")
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(cells[1] == String(problem.status), "\(problem.code): SPEC says \(cells[1]), the hub answers \(problem.status)")
        #expect(cells[2] == (problem.retryable ? "yes" : "no"), "\(problem.code): SPEC says retryable \(cells[2])")
    }
}
