import Foundation
import LLNCHubCore
import LLNCProtocol
import Logging
import PostgresNIO

extension PostgresHubStore {
    public func replayFacts(laNumber: String, submissionID: String) async throws -> ReplayFacts {
        let rows = try await client.query(
            """
            SELECT (SELECT coalesce(max(sequence), 0) FROM submission WHERE la_number = \(laNumber)),
                (SELECT envelope_digest FROM submission WHERE submission_id = \(submissionID))
            """,
            logger: logger)
        for try await (highest, digest) in rows.decode((Int64, Data?).self) {
            return ReplayFacts(highestAcceptedSequence: UInt64(highest), digestForSubmissionID: digest.map { [UInt8]($0) })
        }
        throw PostgresStoreError.noAnswer(what: "replay facts")
    }

    public func receipt(submissionID: String) async throws -> [UInt8]? {
        let rows = try await client.query(
            "SELECT receipt_json FROM submission WHERE submission_id = \(submissionID)", logger: logger)
        for try await receipt in rows.decode(Data.self) { return [UInt8](receipt) }
        return nil
    }

    public func store(_ submission: AcceptedSubmission) async throws -> StoreOutcome {
        let header = submission.header
        let la = header.site.laNumber
        let cellsJSON = try Self.cellsJSON(submission.cells)
        return try await serializable { [logger] connection -> StoreOutcome in
            // Decided again inside the transaction, as in SQLiteHubStore. The row lock makes
            // concurrent writes for one site (a revocation, the same push to two hub
            // processes) wait for each other instead of failing at commit.
            var site: SubmissionAdmission.Standing?
            for try await (status, keyID) in try await connection.query(
                "SELECT status, key_id FROM site WHERE la_number = \(la) FOR UPDATE", logger: logger
            ).decode((String, String).self) {
                site = .init(status: SiteRecord.Status(rawValue: status) ?? .revoked, keyID: keyID)
            }
            var earlier: SubmissionAdmission.Earlier?
            for try await (digest, receipt) in try await connection.query(
                "SELECT envelope_digest, receipt_json FROM submission WHERE submission_id = \(header.submissionID)", logger: logger
            ).decode((Data, Data).self) {
                earlier = .init(envelopeDigest: [UInt8](digest), receiptJSON: [UInt8](receipt))
            }
            var highest: Int64 = 0
            for try await value in try await connection.query(
                "SELECT coalesce(max(sequence), 0) FROM submission WHERE la_number = \(la)", logger: logger
            ).decode(Int64.self) { highest = value }
            let facts = SubmissionAdmission.Facts(site: site, earlier: earlier, highestAcceptedSequence: UInt64(highest))
            switch SubmissionAdmission.decide(header, facts: facts) {
            case .refuse(let rejection): return .refused(rejection)
            case .alreadyStored(let receipt): return .alreadyStored(receiptJSON: receipt)
            case .store: break
            }
            // A valid header's sequence is at most Limits.maxSequence (SPEC.md §4.1).
            guard let sequence = Int64(exactly: header.sequence) else { throw StoreInvariant.sequenceBeyondLimit(header.sequence) }
            try await connection.query(
                """
                INSERT INTO submission (submission_id, la_number, ons_code, sequence, site_key_id, catalogue_version,
                    envelope_digest, created_at, received_at, receipt_json)
                VALUES (\(header.submissionID), \(la), \(header.site.onsCode), \(sequence), \(header.siteKeyID.hex),
                    \(header.catalogueVersion), \(Data(header.digest)), \(header.createdAt), \(submission.receivedAt),
                    \(Data(submission.receiptJSON)))
                """,
                logger: logger)
            try await Self.insertCells(connection, cellsJSON, submissionID: header.submissionID, la: la, vintage: sequence, logger: logger)
            try await Self.logEvent(connection, .accepted, at: submission.receivedAt, laNumber: la, submissionID: header.submissionID, logger: logger)
            return .stored
        }
    }

    /// The cells as one JSON array, so a submission of hundreds of cells is two statements,
    /// not hundreds of round trips; `jsonb_to_recordset` turns it back into rows, keeping
    /// absent fields NULL.
    static func cellsJSON(_ cells: [Cell]) throws -> String {
        let rows = cells.map { cell in
            let breakdown = Cell.breakdownText(cell.breakdown)
            return CellRow(
                cell_key: cell.key(breakdownText: breakdown), indicator: cell.indicator,
                definition_version: cell.definitionVersion, period: cell.period, breakdown: breakdown, unit: cell.unit.rawValue,
                status: cell.status.rawValue, value: cell.value, symbol: cell.symbol?.rawValue, reason: cell.reason,
                numerator: cell.numerator, denominator: cell.denominator)
        }
        return String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
    }

    /// Column names as in the table, so `jsonb_to_recordset` maps them by name.
    struct CellRow: Encodable {
        // swift-format-ignore: AlwaysUseLowerCamelCase
        let cell_key: String, indicator: String, definition_version: Int, period: String, breakdown: String, unit: String
        let status: String, value: String?, symbol: String?, reason: String?, numerator: String?, denominator: String?
    }

    /// Marks the site's current cells with the same keys superseded by this submission, then
    /// inserts the new ones: a revision supersedes, never erases.
    private static func insertCells(
        _ connection: PostgresConnection, _ cellsJSON: String, submissionID: String, la: String, vintage: Int64, logger: Logger
    ) async throws {
        try await connection.query(
            """
            UPDATE cell SET superseded_by = \(submissionID)
            WHERE la_number = \(la) AND superseded_by IS NULL
                AND cell_key IN (SELECT cell_key FROM jsonb_to_recordset(\(cellsJSON)::jsonb) AS c(cell_key text))
            """,
            logger: logger)
        try await connection.query(
            """
            INSERT INTO cell (submission_id, la_number, cell_key, vintage, indicator, definition_version, period,
                breakdown, unit, status, value, symbol, reason, numerator, denominator)
            SELECT \(submissionID), \(la), c.cell_key, \(vintage), c.indicator, c.definition_version, c.period, c.breakdown,
                c.unit, c.status, c.value, c.symbol, c.reason, c.numerator, c.denominator
            FROM jsonb_to_recordset(\(cellsJSON)::jsonb) AS c(cell_key text, indicator text, definition_version bigint,
                period text, breakdown text, unit text, status text, value text, symbol text, reason text, numerator text,
                denominator text)
            """,
            logger: logger)
    }

    public func countUnauthenticatedRefusal(code: String, at now: Int64) async throws {
        let (day, oldestKept) = UnauthenticatedRefusals.days(at: now)
        try await client.withTransaction(logger: logger) { [logger] connection in
            try await connection.query(
                """
                INSERT INTO unauthenticated_refusal (day, code, count) VALUES (\(day), \(code), 1)
                ON CONFLICT (day, code) DO UPDATE SET count = unauthenticated_refusal.count + 1
                """, logger: logger)
            try await connection.query("DELETE FROM unauthenticated_refusal WHERE day < \(oldestKept)", logger: logger)
        }
    }

    public func unauthenticatedRefusals() async throws -> [UnauthenticatedRefusals] {
        var counts: [UnauthenticatedRefusals] = []
        for try await (day, code, count) in try await client.query(
            "SELECT day, code, count FROM unauthenticated_refusal ORDER BY day, code", logger: logger
        ).decode((String, String, Int64).self) {
            counts.append(UnauthenticatedRefusals(day: day, code: code, count: Int(count)))
        }
        return counts
    }

    public func logRejection(laNumber: String?, submissionID: String?, code: String, at now: Int64) async throws {
        try await serializable { [logger] connection in
            try await Self.logEvent(connection, .rejected, at: now, laNumber: laNumber, submissionID: submissionID, code: code, logger: logger)
        }
    }

    public func currentCells(laNumber: String) async throws -> [StoredCell] {
        let rows = try await client.query(
            """
            SELECT indicator, definition_version, period, breakdown, unit, status, value, symbol, reason, numerator, denominator,
                submission_id, vintage, superseded_by
            FROM cell WHERE la_number = \(laNumber) AND superseded_by IS NULL ORDER BY cell_key
            """,
            logger: logger)
        var cells: [StoredCell] = []
        for try await row in rows.decode(
            (String, Int64, String, String, String, String, String?, String?, String?, String?, String?, String, Int64, String?).self)
        {
            let (
                indicator, version, period, breakdown, unit, status, value, symbol, reason, numerator, denominator, submissionID,
                vintage, supersededBy
            ) = row
            cells.append(
                StoredCell(
                    cell: Cell(
                        indicator: indicator, definitionVersion: Int(version), period: period,
                        breakdown: Cell.breakdown(fromText: breakdown), unit: Cell.Unit(rawValue: unit) ?? .count,
                        status: Cell.Status(rawValue: status) ?? .unavailable, value: value, symbol: symbol.flatMap(Cell.Symbol.init(rawValue:)),
                        reason: reason, numerator: numerator, denominator: denominator),
                    submissionID: submissionID, vintage: UInt64(vintage), supersededBy: supersededBy))
        }
        return cells
    }
}
