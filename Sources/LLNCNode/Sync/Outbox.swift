import Foundation
import GRDB
import LLNCProtocol

/// The node's outbox: approved cells sealed into envelopes and stored *before* any network
/// call, so a crash, a restart or a week without the hub loses nothing. Each envelope gets
/// the next per-site sequence number and a fresh submission id at sealing time and keeps
/// them for ever: resending after a crash is the same envelope, which the hub answers as a
/// duplicate with the original receipt (at-least-once delivery, exactly-once effect).
public struct Outbox: Sendable {
    let writer: any DatabaseWriter
    /// Whether sealing, receipts and refusals are written to the node's audit log (in the
    /// same transaction). True for the node store's outbox; a bare outbox has no audit log.
    let audited: Bool

    /// A bare outbox in a database of its own (no node store, no audit log): migrates its
    /// tables there. The node's outbox is `NodeStore.outbox()`, migrated with the store.
    public init(_ writer: any DatabaseWriter) throws {
        var migrator = DatabaseMigrator()
        Outbox.registerMigrations(in: &migrator)
        try migrator.migrate(writer)
        self.init(writer, audited: false)
    }

    init(_ writer: any DatabaseWriter, audited: Bool) {
        self.writer = writer
        self.audited = audited
    }

    /// The outbox's tables, as migrations: the node store's migrator runs them after its own.
    public static func registerMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("outbox v1: sealed envelopes and receipts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE outbox_envelope (
                        sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
                        submission_id TEXT NOT NULL UNIQUE,
                        batch TEXT NOT NULL UNIQUE,
                        envelope_json BLOB NOT NULL,
                        cell_count INTEGER NOT NULL CHECK (cell_count >= 0),
                        sealed_at TEXT NOT NULL,
                        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'rejected')),
                        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                        next_attempt_at INTEGER NOT NULL DEFAULT 0,
                        last_error TEXT,
                        receipt_json BLOB,
                        settled_at TEXT,
                        reason_code TEXT,
                        CHECK ((state = 'pending') = (settled_at IS NULL)));
                    """)
        }
    }

    /// One envelope and what became of it.
    public struct Entry: Sendable, Equatable {
        public enum State: String, Sendable { case pending, delivered, rejected }
        public var sequence: UInt64
        public var submissionID: String
        public var batch: String
        public var envelopeJSON: [UInt8]
        public var cellCount: Int
        public var state: State
        public var attempts: Int
        public var nextAttemptAt: Int64
        public var lastError: String?
        public var reasonCode: String?
        public var receiptJSON: [UInt8]?
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case batchAlreadySealed(batch: String, sequence: UInt64)

        public var description: String {
            switch self {
            case .batchAlreadySealed(let batch, let sequence):
                "batch \(batch) is already sealed (outbox sequence \(sequence)); it leaves once, as that envelope"
            }
        }
    }

    /// Seals `cells` of approved batch `batch` into the next envelope and stores it, in one
    /// transaction. A batch is sealed at most once.
    @discardableResult
    public func seal(
        batch: String, cells: [Cell], catalogueVersion: String, identity: SiteIdentity, now: Int64
    ) throws -> Entry {
        try writer.write { db in
            if let existing = try Int64.fetchOne(db, sql: "SELECT sequence FROM outbox_envelope WHERE batch = ?", arguments: [batch]) {
                throw Failure.batchAlreadySealed(batch: batch, sequence: UInt64(existing))
            }
            let sequence = UInt64(try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) + 1 FROM outbox_envelope") ?? 1)
            let payload = Payload(
                site: identity.site, submissionID: UUID().uuidString.lowercased(), sequence: sequence,
                catalogueVersion: catalogueVersion, cells: cells)
            let envelope = try Envelope.seal(payload, createdAt: Timestamp.format(now), siteKey: identity.signingKey, hubKey: identity.hubSealingKey)
            let json = envelope.jsonBytes()
            try db.execute(
                sql: """
                    INSERT INTO outbox_envelope (sequence, submission_id, batch, envelope_json, cell_count, sealed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [Int64(sequence), payload.submissionID, batch, Data(json), cells.count, Timestamp.format(now)])
            try audit(
                db, .push, subject: "batch \(batch)",
                details:
                    "sealed as envelope \(sequence) (submission \(payload.submissionID), \(cells.count) cells) for hub key \(identity.hubSealingKey.keyID)"
            )
            return Entry(
                sequence: sequence, submissionID: payload.submissionID, batch: batch, envelopeJSON: json, cellCount: cells.count,
                state: .pending, attempts: 0, nextAttemptAt: 0)
        }
    }

    /// Every entry, oldest first.
    public func entries() throws -> [Entry] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM outbox_envelope ORDER BY sequence").map(Entry.init(row:)) }
    }

    /// Pending entries in sequence order: what a push sends.
    public func pending() throws -> [Entry] { try entries().filter { $0.state == .pending } }

    /// When the oldest pending envelope may be tried again (0 if it never was); nil when
    /// nothing is pending. One row and one column: what `llnc-node run` asks every time it
    /// wakes, without reading every envelope.
    public func headRetryTime() throws -> Int64? {
        try writer.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT next_attempt_at FROM outbox_envelope WHERE state = 'pending' ORDER BY sequence LIMIT 1")
        }
    }

    func markDelivered(_ sequence: UInt64, receiptJSON: [UInt8], at now: Int64) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox_envelope SET state = 'delivered', receipt_json = ?, settled_at = ?, last_error = NULL
                    WHERE sequence = ? AND state = 'pending'
                    """, arguments: [Data(receiptJSON), Timestamp.format(now), Int64(sequence)])
            guard db.changesCount > 0 else { return }
            try audit(db, .receipt, subject: "envelope \(sequence)", details: "delivered; the hub's signed receipt verified and stored")
        }
    }

    func markRejected(_ sequence: UInt64, reasonCode: String, detail: String, receiptJSON: [UInt8]?, at now: Int64) throws {
        try writer.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox_envelope SET state = 'rejected', reason_code = ?, last_error = ?, receipt_json = ?, settled_at = ?
                    WHERE sequence = ? AND state = 'pending'
                    """, arguments: [reasonCode, detail, receiptJSON.map { Data($0) }, Timestamp.format(now), Int64(sequence)])
            guard db.changesCount > 0 else { return }
            try audit(
                db, .receipt, subject: "envelope \(sequence)",
                details: "refused by the hub: \(reasonCode)\(receiptJSON == nil ? "" : " (signed rejected receipt stored)")")
        }
    }

    func markAttemptFailed(_ sequence: UInt64, error: String, retryAt: Int64) throws {
        try writer.write { db in
            // The first failure of an envelope is audited; retries are only counted, so an
            // outage does not flood the log.
            if try Int.fetchOne(db, sql: "SELECT attempts FROM outbox_envelope WHERE sequence = ?", arguments: [Int64(sequence)]) == 0 {
                try audit(db, .push, subject: "envelope \(sequence)", details: "not delivered (\(error)); retrying with backoff")
            }
            try db.execute(
                sql: """
                    UPDATE outbox_envelope SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                    WHERE sequence = ? AND state = 'pending'
                    """, arguments: [error, retryAt, Int64(sequence)])
        }
    }
}

extension Outbox {
    private func audit(_ db: Database, _ action: AuditEntry.Action, subject: String, details: String) throws {
        guard audited else { return }
        try AuditLog.append(db, action, subject: subject, details: details)
    }
}

extension Outbox.Entry {
    init(row: Row) {
        sequence = UInt64(row["sequence"] as Int64)
        submissionID = row["submission_id"]
        batch = row["batch"]
        envelopeJSON = [UInt8](row["envelope_json"] as Data)
        cellCount = row["cell_count"]
        state = State(rawValue: row["state"]) ?? .pending
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        lastError = row["last_error"]
        reasonCode = row["reason_code"]
        receiptJSON = (row["receipt_json"] as Data?).map { [UInt8]($0) }
    }
}

extension NodeStore {
    /// The outbox, in the same database as the store (migrated with it), so sealing a batch
    /// and recording it happen in the node's one file and one transaction.
    public func outbox() -> Outbox { Outbox(writer, audited: true) }
}
