import Foundation
import GRDB
import LLNCProtocol

extension SQLiteHubStore {
    public func replayFacts(laNumber: String, submissionID: String) async throws -> ReplayFacts {
        try await writer.read { db in
            let highest = try Int64.fetchOne(
                db, sql: "SELECT max(sequence) FROM submission WHERE la_number = ?", arguments: [laNumber]) ?? 0
            let digest = try Data.fetchOne(
                db, sql: "SELECT envelope_digest FROM submission WHERE submission_id = ?", arguments: [submissionID])
            return ReplayFacts(highestAcceptedSequence: UInt64(highest), digestForSubmissionID: digest.map { [UInt8]($0) })
        }
    }

    public func receipt(submissionID: String) async throws -> [UInt8]? {
        try await writer.read { db in
            try Data.fetchOne(db, sql: "SELECT receipt_json FROM submission WHERE submission_id = ?", arguments: [submissionID])
                .map { [UInt8]($0) }
        }
    }

    public func store(_ submission: AcceptedSubmission) async throws -> StoreOutcome {
        let header = submission.header
        guard let sequence = Int64(exactly: header.sequence) else {
            return .refused(.protocolError(.malformed(field: "header.sequence", reason: "is above 2^63-1, which this hub cannot store")))
        }
        return try await writer.write { db -> StoreOutcome in
            // Re-checked here, inside the one write transaction, because a revocation or a
            // concurrent push of the same submission may have landed since the checks ran.
            guard let site = try Row.fetchOne(
                db, sql: "SELECT status, key_id FROM site WHERE la_number = ?", arguments: [header.site.laNumber])
            else { return .refused(.protocolError(.unknownSigner(keyID: header.siteKeyID.hex))) }
            guard (site["status"] as String) == SiteRecord.Status.active.rawValue else {
                return .refused(.siteRevoked(laNumber: header.site.laNumber))
            }
            guard (site["key_id"] as String) == header.siteKeyID.hex else {
                return .refused(.protocolError(.unknownSigner(keyID: header.siteKeyID.hex)))
            }
            if let earlier = try Row.fetchOne(
                db, sql: "SELECT envelope_digest, receipt_json FROM submission WHERE submission_id = ?",
                arguments: [header.submissionID]) {
                guard [UInt8](earlier["envelope_digest"] as Data) == header.digest else {
                    return .refused(.protocolError(.submissionIDReused(submissionID: header.submissionID)))
                }
                return .alreadyStored(receiptJSON: [UInt8](earlier["receipt_json"] as Data))
            }
            let highest = try Int64.fetchOne(
                db, sql: "SELECT max(sequence) FROM submission WHERE la_number = ?", arguments: [header.site.laNumber]) ?? 0
            guard sequence > highest else {
                return .refused(.protocolError(.sequenceRegressed(got: header.sequence, highestAccepted: UInt64(highest))))
            }
            try db.execute(
                sql: """
                    INSERT INTO submission (submission_id, la_number, ons_code, sequence, site_key_id, catalogue_version,
                        envelope_digest, created_at, received_at, receipt_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    header.submissionID, header.site.laNumber, header.site.onsCode, sequence, header.siteKeyID.hex,
                    header.catalogueVersion, Data(header.digest), header.createdAt, submission.receivedAt,
                    Data(submission.receiptJSON),
                ])
            try Self.insertCells(db, submission.cells, of: header, vintage: sequence)
            try Self.logEvent(db, .accepted, at: submission.receivedAt, laNumber: header.site.laNumber, submissionID: header.submissionID)
            return .stored
        }
    }

    /// Inserts the cells, first marking the site's current cell with the same key as
    /// superseded by this submission: a revision supersedes, never erases.
    private static func insertCells(_ db: Database, _ cells: [Cell], of header: EnvelopeHeader, vintage: Int64) throws {
        let supersede = try db.cachedStatement(
            sql: "UPDATE cell SET superseded_by = ? WHERE la_number = ? AND cell_key = ? AND superseded_by IS NULL")
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO cell (submission_id, la_number, cell_key, vintage, indicator, definition_version, period,
                    breakdown, unit, status, value, symbol, reason, numerator, denominator)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let la = header.site.laNumber
        for cell in cells {
            let breakdown = CellKey.breakdownText(cell.breakdown)
            let key = CellKey.text(cell, breakdown: breakdown)
            try supersede.execute(arguments: [header.submissionID, la, key])
            try insert.execute(arguments: [
                header.submissionID, la, key, vintage, cell.indicator, cell.definitionVersion, cell.period, breakdown,
                cell.unit.rawValue, cell.status.rawValue, cell.value, cell.symbol?.rawValue, cell.reason, cell.numerator,
                cell.denominator,
            ])
        }
    }

    public func logRejection(laNumber: String?, submissionID: String?, code: String, at now: Int64) async throws {
        try await writer.write { db in
            try Self.logEvent(db, .rejected, at: now, laNumber: laNumber, submissionID: submissionID, code: code)
        }
    }

    public func currentCells(laNumber: String) async throws -> [StoredCell] {
        try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM cell WHERE la_number = ? AND superseded_by IS NULL ORDER BY cell_key",
                arguments: [laNumber]
            ).map(Self.storedCell)
        }
    }

    static func storedCell(_ row: Row) -> StoredCell {
        let cell = Cell(
            indicator: row["indicator"], definitionVersion: row["definition_version"], period: row["period"],
            breakdown: CellKey.breakdown(fromText: row["breakdown"]), unit: Cell.Unit(rawValue: row["unit"]) ?? .count,
            status: Cell.Status(rawValue: row["status"]) ?? .unavailable, value: row["value"],
            symbol: (row["symbol"] as String?).flatMap(Cell.Symbol.init(rawValue:)), reason: row["reason"],
            numerator: row["numerator"], denominator: row["denominator"])
        return StoredCell(
            cell: cell, submissionID: row["submission_id"], vintage: UInt64(row["vintage"] as Int64),
            supersededBy: row["superseded_by"])
    }
}
