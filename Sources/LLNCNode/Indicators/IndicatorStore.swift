import Foundation
import GRDB
import LLNCCatalogue
import LLNCProtocol

/// A stored batch: its cells and who has approved it.
public struct Batch: Sendable, Hashable {
    public let id: Int64
    public let period: String
    public let catalogueVersion: String
    public let computedAt: String
    public let approvalsRequired: Int
    public let approvals: [Approval]
    public let cells: [BatchCell]
    /// How linked indicators were protected together (one line per group).
    public var protection: [String] = []

    public struct Approval: Sendable, Hashable {
        public let approver: String
        public let approvedAt: String
    }

    /// Approved once enough different people have approved it (two under four-eyes).
    public var isApproved: Bool { approvals.count >= approvalsRequired }
}

/// Batches, approvals and the audit log, on the node store's database (migrated when the
/// store opened). Every write is one transaction that also appends its audit entry.
public struct IndicatorStore: Sendable {
    let writer: any DatabaseWriter

    init(_ writer: any DatabaseWriter) {
        self.writer = writer
    }

    // MARK: catalogue approval

    public func approveCatalogue(_ catalogue: Catalogue, by approver: String, at date: Date = Date()) throws {
        let name = try Self.checked(approver)
        try writer.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO catalogue_approval (version, approver, approved_at) VALUES (?, ?, ?)",
                arguments: [catalogue.version, name, ISO8601DateFormatter().string(from: date)])
            try AuditLog.append(
                db, .catalogueApproval, actor: name, subject: "catalogue \(catalogue.version)",
                details: "\(catalogue.indicators.count) indicators in \(catalogue.families.count) families", at: date)
        }
    }

    public func isApproved(catalogueVersion: String) throws -> Bool {
        try writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM catalogue_approval WHERE version = ?", arguments: [catalogueVersion]) ?? 0 > 0
        }
    }

    // MARK: batches

    /// Stores a computed batch as a draft, after checking the catalogue was approved here.
    public func saveDraft(
        period: String, catalogue: Catalogue, results: [IndicatorResult], policy: IndicatorPolicy,
        at date: Date = Date()
    ) throws -> Int64 {
        guard try isApproved(catalogueVersion: catalogue.version) else { throw IndicatorError.catalogueNotApproved(version: catalogue.version) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let policyJSON = String(decoding: try encoder.encode(policy), as: UTF8.self)
        return try writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO indicator_batch (period, catalogue_version, computed_at, approvals_required, policy) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [period, catalogue.version, ISO8601DateFormatter().string(from: date), policy.approvalsRequired, policyJSON])
            let id = db.lastInsertedRowID
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO batch_cell (batch_id, position, indicator, cell, local_value, local_numerator, local_denominator, rule)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var position = 0
            for result in results {
                for cell in result.cells {
                    let json = String(decoding: try encoder.encode(cell.cell), as: UTF8.self)
                    try insert.execute(arguments: [
                        id, position, result.indicator, json, cell.localValue, cell.localNumerator,
                        cell.localDenominator, cell.rule,
                    ])
                    position += 1
                }
            }
            var summaries: [String] = []
            for result in results { if let s = result.protection, !summaries.contains(s) { summaries.append(s) } }
            for (k, summary) in summaries.enumerated() {
                try db.execute(sql: "INSERT INTO batch_protection (batch_id, position, summary) VALUES (?, ?, ?)", arguments: [id, k, summary])
            }
            try AuditLog.append(
                db, .computation, subject: "batch \(id)",
                details:
                    "period \(period); \(results.count) indicators; \(position) cells; catalogue \(catalogue.version); approvals required \(policy.approvalsRequired)",
                at: date)
            return id
        }
    }

    /// What this site has published: the cells of the newest approved batch of each period.
    public func publishedLedger() throws -> PublishedLedger {
        let newest = try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT b.period AS period, MAX(b.id) AS id FROM indicator_batch b
                    WHERE (SELECT COUNT(*) FROM batch_approval a WHERE a.batch_id = b.id) >= b.approvals_required
                    GROUP BY b.period
                    """
            ).map { ($0["period"] as String, $0["id"] as Int64) }
        }
        var ledger = PublishedLedger()
        for (period, id) in newest {
            ledger.cells[period] = Dictionary(grouping: try batch(id).cells, by: \.cell.indicator)
        }
        return ledger
    }

    public func batch(_ id: Int64) throws -> Batch {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM indicator_batch WHERE id = ?", arguments: [id]) else {
                throw IndicatorError.noSuchBatch(id)
            }
            let decoder = JSONDecoder()
            let cells = try Row.fetchAll(db, sql: "SELECT * FROM batch_cell WHERE batch_id = ? ORDER BY position", arguments: [id]).map { r in
                BatchCell(
                    cell: try decoder.decode(Cell.self, from: Data((r["cell"] as String).utf8)), localValue: r["local_value"],
                    localNumerator: r["local_numerator"], localDenominator: r["local_denominator"], rule: r["rule"])
            }
            let approvals = try Row.fetchAll(
                db, sql: "SELECT approver, approved_at FROM batch_approval WHERE batch_id = ? ORDER BY approved_at, approver",
                arguments: [id]
            ).map { Batch.Approval(approver: $0["approver"], approvedAt: $0["approved_at"]) }
            var batch = Batch(
                id: id, period: row["period"], catalogueVersion: row["catalogue_version"], computedAt: row["computed_at"],
                approvalsRequired: row["approvals_required"], approvals: approvals, cells: cells)
            batch.protection = try String.fetchAll(
                db, sql: "SELECT summary FROM batch_protection WHERE batch_id = ? ORDER BY position", arguments: [id])
            return batch
        }
    }

    /// Records that the batch's review was produced (what was shown, not to whom).
    public func recordReview(_ id: Int64, format: String, at date: Date = Date()) throws {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM indicator_batch WHERE id = ?", arguments: [id]) == 1 else {
                throw IndicatorError.noSuchBatch(id)
            }
            try AuditLog.append(db, .review, subject: "batch \(id)", details: "review shown as \(format)", at: date)
        }
    }

    /// Records a named approval. Under four-eyes the second approval must come from a
    /// different person; the same person approving twice is refused.
    @discardableResult
    public func approve(_ id: Int64, by approver: String, at date: Date = Date()) throws -> Batch {
        let name = try Self.checked(approver)
        try writer.write { db in
            guard let required = try Int.fetchOne(db, sql: "SELECT approvals_required FROM indicator_batch WHERE id = ?", arguments: [id]) else {
                throw IndicatorError.noSuchBatch(id)
            }
            let already = try String.fetchAll(db, sql: "SELECT approver FROM batch_approval WHERE batch_id = ?", arguments: [id])
            if let earlier = already.first(where: { Self.samePerson($0, name) }) {
                throw IndicatorError.alreadyApprovedBy(batch: id, approver: earlier)
            }
            try db.execute(
                sql: "INSERT INTO batch_approval (batch_id, approver, approved_at) VALUES (?, ?, ?)",
                arguments: [id, name, ISO8601DateFormatter().string(from: date)])
            try AuditLog.append(
                db, .approval, actor: name, subject: "batch \(id)",
                details: "approval \(already.count + 1) of \(required)", at: date)
        }
        return try batch(id)
    }

    /// A computed batch that cannot be sent yet: it has fewer named approvals than it needs.
    public struct AwaitingApproval: Sendable, Equatable {
        public let batch: Int64
        public let period: String
        public let approvals: Int
        public let required: Int
    }

    /// The batches that cannot be sealed for want of approvals, oldest first: what `push`
    /// and `export-bundle` tell the analyst when there is nothing to send.
    public func batchesAwaitingApproval() throws -> [AwaitingApproval] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT b.id, b.period, b.approvals_required,
                           (SELECT COUNT(*) FROM batch_approval a WHERE a.batch_id = b.id) AS approvals
                    FROM indicator_batch b
                    WHERE (SELECT COUNT(*) FROM batch_approval a WHERE a.batch_id = b.id) < b.approvals_required
                    ORDER BY b.id
                    """
            ).map { row in
                AwaitingApproval(batch: row["id"], period: row["period"], approvals: row["approvals"], required: row["approvals_required"])
            }
        }
    }

    public func auditVerification() throws -> AuditVerification { try writer.read { try AuditLog.verify($0) } }
    public func auditEntries() throws -> [AuditEntry] { try writer.read { try AuditLog.entries($0) } }

    /// Whether two approvers' names are one person's: case and the spacing between words do
    /// not make a second pair of eyes ("Asha Patel" and "asha  patel" are one approver).
    static func samePerson(_ a: String, _ b: String) -> Bool {
        func folded(_ name: String) -> String { name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return folded(a) == folded(b)
    }

    static func checked(_ approver: String) throws(IndicatorError) -> String {
        let name = approver.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else { throw .invalidApprover(approver) }
        return name
    }
}
