import Foundation
import GRDB
import LLNCProtocol

/// One entry of the audit log. `hash` commits to every other field, including the previous
/// entry's hash, so the log is a chain: editing, deleting or reordering an entry breaks it
/// from that point on.
public struct AuditEntry: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case ingest, computation, review, approval, push, receipt
        case catalogueApproval = "catalogue_approval"
    }

    public let sequence: Int64
    public let recordedAt: String
    public let action: String
    /// Who did it (an approver's name), or `llnc-node` for the node's own steps.
    public let actor: String
    /// What it was about: a batch id, a dataset and year, a catalogue version.
    public let subject: String
    /// Counts and ids only: never a record-level value.
    public let details: String
    public let previousHash: String
    public let hash: String

    /// The hash an entry with these fields must have: BLAKE2b-256 over their canonical JSON.
    static func hash(
        sequence: Int64, recordedAt: String, action: String, actor: String, subject: String,
        details: String, previousHash: String
    ) -> String {
        let fields = [String(sequence), recordedAt, action, actor, subject, details, previousHash]
        let bytes = try! JSONEncoder().encode(fields) // an array of strings always encodes
        return ContentDigest.hex(Array(bytes))
    }

    static let genesis = String(repeating: "0", count: 64)
}

/// The append-only, hash-chained audit log in the node store.
public enum AuditLog {
    /// Appends an entry in the caller's transaction, so the step and its record commit together.
    @discardableResult
    public static func append(
        _ db: Database, _ action: AuditEntry.Action, actor: String = "llnc-node", subject: String,
        details: String, at date: Date = Date()
    ) throws -> AuditEntry {
        let last = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1")
        let sequence: Int64 = (last?["sequence"] ?? 0) + 1
        let previous: String = last?["hash"] ?? AuditEntry.genesis
        let recordedAt = ISO8601DateFormatter().string(from: date)
        let hash = AuditEntry.hash(
            sequence: sequence, recordedAt: recordedAt, action: action.rawValue, actor: actor,
            subject: subject, details: details, previousHash: previous)
        try db.execute(
            sql: """
                INSERT INTO audit_entry (sequence, recorded_at, action, actor, subject, details, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sequence, recordedAt, action.rawValue, actor, subject, details, previous, hash])
        return AuditEntry(
            sequence: sequence, recordedAt: recordedAt, action: action.rawValue, actor: actor, subject: subject,
            details: details, previousHash: previous, hash: hash)
    }

    public static func entries(_ db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM audit_entry ORDER BY rowid").map { row in
            AuditEntry(
                sequence: row["sequence"], recordedAt: row["recorded_at"], action: row["action"], actor: row["actor"],
                subject: row["subject"], details: row["details"], previousHash: row["previous_hash"], hash: row["hash"])
        }
    }

    /// Walks the chain in stored order and reports every place it breaks.
    public static func verify(_ db: Database) throws -> AuditVerification {
        AuditVerification.check(try entries(db))
    }
}

/// The result of `llnc-node audit verify`.
public struct AuditVerification: Sendable, Hashable {
    public let entries: Int
    /// The last entry's hash: note it elsewhere to detect a later truncation of the tail.
    public let head: String
    public let problems: [String]

    public var isIntact: Bool { problems.isEmpty }

    static func check(_ entries: [AuditEntry]) -> AuditVerification {
        var problems: [String] = []
        var previous = AuditEntry.genesis
        var expected: Int64 = 1
        for entry in entries {
            if entry.sequence != expected {
                problems.append(
                    entry.sequence > expected
                        ? "entries \(expected)...\(entry.sequence - 1) are missing (deleted) before entry \(entry.sequence)"
                        : "entry \(entry.sequence) appears after entry \(expected - 1): entries were reordered")
            }
            let recomputed = AuditEntry.hash(
                sequence: entry.sequence, recordedAt: entry.recordedAt, action: entry.action,
                actor: entry.actor, subject: entry.subject, details: entry.details,
                previousHash: entry.previousHash)
            if recomputed != entry.hash {
                problems.append("entry \(entry.sequence) (\(entry.action)) was modified after it was written: its content no longer matches its hash")
            } else if entry.previousHash != previous {
                problems.append(
                    "entry \(entry.sequence) (\(entry.action)) does not follow the entry before it: an entry before it was removed, replaced or moved"
                )
            }
            previous = entry.hash
            expected = entry.sequence + 1
        }
        return AuditVerification(entries: entries.count, head: previous, problems: problems)
    }
}
