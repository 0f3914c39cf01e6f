import Foundation
import GRDB
import LLNCHubCore
import LLNCProtocol

extension SQLiteHubStore {
    public func replayFacts(laNumber: String, submissionID: String) async throws -> ReplayFacts {
        try await writer.read { db in
            let highest =
                try Int64.fetchOne(
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
        return try await writer.write { db -> StoreOutcome in
            // Decided again here, inside the one write transaction, on facts read in it: a
            // revocation or a concurrent push of the same submission may have landed since
            // the checks ran.
            switch SubmissionAdmission.decide(header, facts: try Self.admissionFacts(db, header)) {
            case .refuse(let rejection): return .refused(rejection)
            case .alreadyStored(let receipt): return .alreadyStored(receiptJSON: receipt)
            case .store: break
            }
            // A valid header's sequence is at most Limits.maxSequence (SPEC.md §4.1).
            guard let sequence = Int64(exactly: header.sequence) else { throw StoreInvariant.sequenceBeyondLimit(header.sequence) }
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

    /// What `SubmissionAdmission` decides on: the site's standing, the submission stored
    /// under this id before, and the site's highest accepted sequence.
    private static func admissionFacts(_ db: Database, _ header: EnvelopeHeader) throws -> SubmissionAdmission.Facts {
        let site = try Row.fetchOne(db, sql: "SELECT status, key_id FROM site WHERE la_number = ?", arguments: [header.site.laNumber])
            .map { SubmissionAdmission.Standing(status: SiteRecord.Status(rawValue: $0["status"]) ?? .revoked, keyID: $0["key_id"]) }
        let earlier = try Row.fetchOne(
            db, sql: "SELECT envelope_digest, receipt_json FROM submission WHERE submission_id = ?", arguments: [header.submissionID]
        ).map {
            SubmissionAdmission.Earlier(envelopeDigest: [UInt8]($0["envelope_digest"] as Data), receiptJSON: [UInt8]($0["receipt_json"] as Data))
        }
        let highest =
            try Int64.fetchOne(
                db, sql: "SELECT max(sequence) FROM submission WHERE la_number = ?", arguments: [header.site.laNumber]) ?? 0
        return SubmissionAdmission.Facts(site: site, earlier: earlier, highestAcceptedSequence: UInt64(highest))
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
            let breakdown = Cell.breakdownText(cell.breakdown)
            let key = cell.key(breakdownText: breakdown)
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

    public func countUnauthenticatedRefusal(code: String, at now: Int64) async throws {
        let (day, oldestKept) = UnauthenticatedRefusals.days(at: now)
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO unauthenticated_refusal (day, code, count) VALUES (?, ?, 1)
                    ON CONFLICT (day, code) DO UPDATE SET count = count + 1
                    """, arguments: [day, code])
            try db.execute(sql: "DELETE FROM unauthenticated_refusal WHERE day < ?", arguments: [oldestKept])
        }
    }

    public func unauthenticatedRefusals() async throws -> [UnauthenticatedRefusals] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT day, code, count FROM unauthenticated_refusal ORDER BY day, code").map { row in
                UnauthenticatedRefusals(day: row["day"], code: row["code"], count: row["count"])
            }
        }
    }

    /// Counts of refusals of unauthenticated requests (registered in `SQLiteHubStore.migrator`).
    static func migrateRefusalCounts(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE unauthenticated_refusal (
                    day TEXT NOT NULL CHECK (length(day) = 10),
                    code TEXT NOT NULL,
                    count INTEGER NOT NULL CHECK (count > 0),
                    PRIMARY KEY (day, code)
                ) STRICT;
                """)
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
            breakdown: Cell.breakdown(fromText: row["breakdown"]), unit: Cell.Unit(rawValue: row["unit"]) ?? .count,
            status: Cell.Status(rawValue: row["status"]) ?? .unavailable, value: row["value"],
            symbol: (row["symbol"] as String?).flatMap(Cell.Symbol.init(rawValue:)), reason: row["reason"],
            numerator: row["numerator"], denominator: row["denominator"])
        return StoredCell(
            cell: cell, submissionID: row["submission_id"], vintage: UInt64(row["vintage"] as Int64),
            supersededBy: row["superseded_by"])
    }
}
