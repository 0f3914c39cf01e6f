import GRDB

/// The indicator side of the node store: catalogue approvals, batches and their cells,
/// batch approvals, and the audit log. Registered in the node store's one migrator
/// (`Schema.migrator`) after the dataset migrations; shipped migrations are never edited.
///
/// Triggers make the audit log append-only and batch cells and approvals immutable to any
/// ordinary write; `AuditLog.verify` detects what someone with the file still changes.
enum IndicatorSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("indicators v1: catalogue approvals, batches, approvals, audit log") { db in
            try db.execute(
                sql: """
                    CREATE TABLE catalogue_approval (
                        version TEXT NOT NULL CHECK (length(version) = 64),
                        approver TEXT NOT NULL CHECK (length(approver) BETWEEN 1 AND 100),
                        approved_at TEXT NOT NULL,
                        PRIMARY KEY (version, approver));
                    CREATE TABLE indicator_batch (
                        id INTEGER PRIMARY KEY,
                        period TEXT NOT NULL,
                        catalogue_version TEXT NOT NULL CHECK (length(catalogue_version) = 64),
                        computed_at TEXT NOT NULL,
                        approvals_required INTEGER NOT NULL CHECK (approvals_required IN (1, 2)),
                        policy TEXT NOT NULL);
                    CREATE TABLE batch_cell (
                        batch_id INTEGER NOT NULL REFERENCES indicator_batch(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        indicator TEXT NOT NULL,
                        cell TEXT NOT NULL,
                        local_value TEXT,
                        local_numerator TEXT,
                        local_denominator TEXT,
                        rule TEXT NOT NULL,
                        PRIMARY KEY (batch_id, position));
                    CREATE TABLE batch_approval (
                        batch_id INTEGER NOT NULL REFERENCES indicator_batch(id),
                        approver TEXT NOT NULL CHECK (length(approver) BETWEEN 1 AND 100),
                        approved_at TEXT NOT NULL,
                        PRIMARY KEY (batch_id, approver));
                    CREATE TABLE audit_entry (
                        sequence INTEGER PRIMARY KEY,
                        recorded_at TEXT NOT NULL,
                        action TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        details TEXT NOT NULL,
                        previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
                        hash TEXT NOT NULL CHECK (length(hash) = 64));
                    CREATE TRIGGER audit_entry_append_only_update BEFORE UPDATE ON audit_entry
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_entry
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER batch_cell_immutable BEFORE UPDATE ON batch_cell
                        BEGIN SELECT RAISE(ABORT, 'a computed batch is never edited: compute a new one'); END;
                    CREATE TRIGGER batch_approval_immutable BEFORE UPDATE ON batch_approval
                        BEGIN SELECT RAISE(ABORT, 'an approval is never edited'); END;
                    CREATE TRIGGER batch_approval_permanent BEFORE DELETE ON batch_approval
                        BEGIN SELECT RAISE(ABORT, 'an approval is never deleted'); END;
                    """)
        }
        migrator.registerMigration("indicators v2: per-child, per-year lookups for indicator queries") { db in
            // Definitions join a child's attributes (sex, date of birth) by child and year;
            // without this index SQLite may scan a whole year for every row.
            for table in ["ssda903_header", "cin_child"] where try db.tableExists(table) {
                try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(table)_child_year ON \(table)(child, collection_year)")
            }
        }
        migrator.registerMigration("indicators v3: how linked indicators were protected together") { db in
            // One line per linked group: the tables, what earlier publication was held fixed,
            // the identities used and the joint attack's result. Shown in the review; never
            // edited, like the batch's cells.
            try db.execute(
                sql: """
                    CREATE TABLE batch_protection (
                        batch_id INTEGER NOT NULL REFERENCES indicator_batch(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        summary TEXT NOT NULL,
                        PRIMARY KEY (batch_id, position));
                    CREATE TRIGGER batch_protection_immutable BEFORE UPDATE ON batch_protection
                        BEGIN SELECT RAISE(ABORT, 'a computed batch is never edited: compute a new one'); END;
                    """)
        }
    }
}
