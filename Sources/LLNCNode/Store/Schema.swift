import GRDB

/// The node store's schema: the one migrator of `node.sqlite`, with every migration in the
/// order it runs (datasets, then indicators and the audit log, then the outbox), run when
/// the store opens. Shipped migrations are never edited and talk only to the database: a
/// change to a layout's stored columns is a new migration. Identifiers are the ones each
/// part shipped with, so a store made by an earlier release migrates forward.
///
/// Every dataset table starts with the same bookkeeping columns: the ingest batch that
/// loaded the row (deleting the batch deletes its rows), the collection year, and the
/// source line, so a question about a stored row can be answered from the site's own file.
/// Pseudonyms are 64 hex digits; dates are ISO `yyyy-mm-dd`; dates of birth are `yyyy-mm`.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: ingest batches and datasets") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ingest_batch (
                        id INTEGER PRIMARY KEY,
                        dataset TEXT NOT NULL,
                        collection_year INTEGER NOT NULL CHECK (collection_year BETWEEN 1990 AND 2200),
                        files TEXT NOT NULL,
                        rows_read INTEGER NOT NULL CHECK (rows_read >= 0),
                        rows_accepted INTEGER NOT NULL CHECK (rows_accepted >= 0),
                        rows_rejected INTEGER NOT NULL CHECK (rows_rejected >= 0),
                        ingested_at TEXT NOT NULL,
                        UNIQUE (dataset, collection_year));
                    CREATE TABLE ingest_rejection (
                        batch_id INTEGER NOT NULL REFERENCES ingest_batch(id) ON DELETE CASCADE,
                        reason TEXT NOT NULL,
                        issues INTEGER NOT NULL CHECK (issues > 0),
                        PRIMARY KEY (batch_id, reason));
                    """)
            for (table, columns) in tables {
                try db.execute(sql: createTable(table, columns))
                if columns.contains(where: { $0.hasPrefix("child ") }) {
                    try db.execute(sql: "CREATE INDEX \(table)_child ON \(table)(child)")
                }
            }
            try db.execute(sql: linkageViews)
        }
        IndicatorSchema.register(in: &migrator)
        Outbox.registerMigrations(in: &migrator)
        return migrator
    }

    private static let pseudonym = "CHECK (length(child) = 64)"
    private static func date(_ c: String) -> String { "CHECK (\(c) GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')" }
    private static func month(_ c: String) -> String { "CHECK (\(c) GLOB '[12][0-9][0-9][0-9]-[01][0-9]')" }
    private static func upn(_ c: String = "upn") -> String { "\(c) TEXT CHECK (length(\(c)) = 64)" }
    private static func flag(_ c: String, _ null: String = "") -> String { "\(c) TEXT \(null) CHECK (\(c) IN ('0','1'))" }

    /// Dataset tables and their columns after the bookkeeping ones.
    static let tables: [(String, [String])] = [
        (
            "ssda903_header",
            [
                "child TEXT NOT NULL \(pseudonym)", "sex TEXT NOT NULL", "birth_month TEXT NOT NULL \(month("birth_month"))",
                "ethnicity TEXT NOT NULL", upn(), flag("mother"), "mc_birth_month TEXT \(month("mc_birth_month"))",
            ]
        ),
        (
            "ssda903_episode",
            [
                "child TEXT NOT NULL \(pseudonym)", "decom TEXT NOT NULL \(date("decom"))", "rne TEXT NOT NULL",
                "ls TEXT NOT NULL", "cin TEXT NOT NULL", "place TEXT NOT NULL", "place_provider TEXT",
                "dec TEXT \(date("dec"))", "rec TEXT", "reason_place_change TEXT", "home_district TEXT",
                "placement_district TEXT", "urn TEXT", "CHECK (dec IS NULL OR dec >= decom)",
            ]
        ),
        (
            "ssda903_oc3",
            [
                "child TEXT NOT NULL \(pseudonym)", "birth_month TEXT NOT NULL \(month("birth_month"))",
                "in_touch TEXT NOT NULL", "activity TEXT", "accommodation TEXT", "age INTEGER NOT NULL CHECK (age BETWEEN 17 AND 21)",
            ]
        ),
        (
            "cin_child",
            [
                "child TEXT NOT NULL \(pseudonym)", upn(), "birth_month TEXT \(month("birth_month"))",
                "gender TEXT NOT NULL", "death_date TEXT \(date("death_date"))",
            ]
        ),
        (
            "cin_referral",
            [
                "child TEXT NOT NULL \(pseudonym)", "cin_details_id TEXT NOT NULL", "referral_date TEXT NOT NULL \(date("referral_date"))",
                "referral_source TEXT NOT NULL", "primary_need TEXT", "closure_date TEXT \(date("closure_date"))",
                "reason_for_closure TEXT", flag("referral_nfa", "NOT NULL"),
                "CHECK (closure_date IS NULL OR closure_date >= referral_date)",
            ]
        ),
        (
            "cin_assessment",
            [
                "child TEXT NOT NULL \(pseudonym)", "cin_details_id TEXT NOT NULL", "start_date TEXT NOT NULL \(date("start_date"))",
                "authorisation_date TEXT \(date("authorisation_date"))", "factors TEXT",
            ]
        ),
        (
            "cin_section47",
            [
                "child TEXT NOT NULL \(pseudonym)", "cin_details_id TEXT NOT NULL", "start_date TEXT NOT NULL \(date("start_date"))",
                "initial_cpc_date TEXT \(date("initial_cpc_date"))", flag("icpc_not_required"),
            ]
        ),
        (
            "cin_protection_plan",
            [
                "child TEXT NOT NULL \(pseudonym)", "cin_details_id TEXT NOT NULL", "start_date TEXT NOT NULL \(date("start_date"))",
                "end_date TEXT \(date("end_date"))", "initial_category TEXT NOT NULL", "latest_category TEXT",
                "previous_plans INTEGER CHECK (previous_plans >= 0)", "CHECK (end_date IS NULL OR end_date >= start_date)",
            ]
        ),
        (
            "eyfsp_result",
            [
                "child TEXT \(pseudonym)", upn(), "sex TEXT NOT NULL", "birth_month TEXT NOT NULL \(month("birth_month"))",
                "ethnicity TEXT", flag("fsm"), "sen TEXT",
            ] + DatasetLayout.earlyLearningGoals.map { "\($0.lowercased()) TEXT NOT NULL CHECK (\($0.lowercased()) IN ('1','2'))" }
                + [flag("gld", "NOT NULL"), "CHECK (child IS NOT NULL OR upn IS NOT NULL)"]
        ),
        (
            "funded_two_year_old",
            [
                "child TEXT \(pseudonym)", upn(), "birth_month TEXT NOT NULL \(month("birth_month"))",
                flag("eligible", "NOT NULL"), flag("taken_up", "NOT NULL"), "CHECK (taken_up = '0' OR eligible = '1')",
            ]
        ),
        (
            "asq3_review",
            [
                "child TEXT \(pseudonym)", upn(), "sex TEXT", "birth_month TEXT NOT NULL \(month("birth_month"))",
                "review_date TEXT NOT NULL \(date("review_date"))",
            ] + EarlyYearsNames.asqColumns.map { "\($0) TEXT NOT NULL CHECK (\($0) IN ('A','M','B','X'))" }
                + ["age_months INTEGER NOT NULL CHECK (age_months BETWEEN 24 AND 36)", flag("all_domains_expected", "NOT NULL")]
        ),
        (
            "care_leaver_contact",
            [
                "child TEXT NOT NULL \(pseudonym)", "birth_month TEXT NOT NULL \(month("birth_month"))",
                "contact_date TEXT NOT NULL \(date("contact_date"))", "in_touch TEXT NOT NULL", "activity TEXT",
                "accommodation TEXT", flag("staying_put"), flag("homeless"), flag("custody"), flag("missing"),
                "age INTEGER NOT NULL CHECK (age BETWEEN 17 AND 25)",
            ]
        ),
        (
            "ons_population",
            [
                "la INTEGER NOT NULL", "age INTEGER NOT NULL CHECK (age BETWEEN 0 AND 90)", "sex TEXT NOT NULL",
                "population INTEGER NOT NULL CHECK (population >= 0)", "UNIQUE (collection_year, la, age, sex)",
            ]
        ),
        (
            "placement_cost",
            [
                "child TEXT \(pseudonym)", "place TEXT NOT NULL", "place_provider TEXT NOT NULL",
                "weekly_cost REAL NOT NULL CHECK (weekly_cost >= 0)", "start_date TEXT \(date("start_date"))",
                "end_date TEXT \(date("end_date"))",
            ]
        ),
        (
            "survey_response",
            [
                "response_id TEXT NOT NULL", "child TEXT \(pseudonym)", "survey TEXT NOT NULL", "question TEXT NOT NULL",
                "answer TEXT", "free_text TEXT", "UNIQUE (collection_year, response_id, question)",
            ]
        ),
    ]

    private static func createTable(_ name: String, _ columns: [String]) -> String {
        let bookkeeping = [
            "id INTEGER PRIMARY KEY",
            "batch_id INTEGER NOT NULL REFERENCES ingest_batch(id) ON DELETE CASCADE",
            "collection_year INTEGER NOT NULL",
            "source_line INTEGER NOT NULL CHECK (source_line > 0)",
        ]
        return "CREATE TABLE \(name) (\n    " + (bookkeeping + columns).joined(separator: ",\n    ")
            + ");\nCREATE INDEX \(name)_year ON \(name)(collection_year);"
    }

    /// Linkage. `child_upn` pairs every child pseudonym with the UPN pseudonyms recorded for
    /// it; `upn_child` resolves a UPN to a child only when exactly one child has it, so a
    /// shared or mistyped UPN never joins two children. `child_record` lists every record of
    /// every dataset and year under its child, which is what stock-and-flow follows.
    /// `survey_answer` is the survey without its free text: what indicators may read.
    private static let linkageViews = """
        CREATE VIEW child_upn AS
            SELECT child, upn FROM ssda903_header WHERE upn IS NOT NULL
            UNION SELECT child, upn FROM cin_child WHERE upn IS NOT NULL
            UNION SELECT child, upn FROM eyfsp_result WHERE child IS NOT NULL AND upn IS NOT NULL
            UNION SELECT child, upn FROM funded_two_year_old WHERE child IS NOT NULL AND upn IS NOT NULL
            UNION SELECT child, upn FROM asq3_review WHERE child IS NOT NULL AND upn IS NOT NULL;
        CREATE VIEW upn_child AS
            SELECT upn, MIN(child) AS child FROM child_upn GROUP BY upn HAVING COUNT(DISTINCT child) = 1;
        CREATE VIEW child_record AS
            SELECT '903-header' AS dataset, collection_year, child, id FROM ssda903_header
            UNION ALL SELECT '903-episodes', collection_year, child, id FROM ssda903_episode
            UNION ALL SELECT '903-oc3', collection_year, child, id FROM ssda903_oc3
            UNION ALL SELECT 'cin-children', collection_year, child, id FROM cin_child
            UNION ALL SELECT 'cin-details', collection_year, child, id FROM cin_referral
            UNION ALL SELECT 'cin-assessments', collection_year, child, id FROM cin_assessment
            UNION ALL SELECT 'cin-section47', collection_year, child, id FROM cin_section47
            UNION ALL SELECT 'cin-cp-plans', collection_year, child, id FROM cin_protection_plan
            UNION ALL SELECT 'care-leaver-contacts', collection_year, child, id FROM care_leaver_contact
            UNION ALL SELECT 'eyfsp', t.collection_year, COALESCE(t.child, u.child), t.id
                FROM eyfsp_result t LEFT JOIN upn_child u ON u.upn = t.upn WHERE COALESCE(t.child, u.child) IS NOT NULL
            UNION ALL SELECT 'funded-2yo', t.collection_year, COALESCE(t.child, u.child), t.id
                FROM funded_two_year_old t LEFT JOIN upn_child u ON u.upn = t.upn WHERE COALESCE(t.child, u.child) IS NOT NULL
            UNION ALL SELECT 'asq3-review', t.collection_year, COALESCE(t.child, u.child), t.id
                FROM asq3_review t LEFT JOIN upn_child u ON u.upn = t.upn WHERE COALESCE(t.child, u.child) IS NOT NULL
            UNION ALL SELECT 'placement-costs', collection_year, child, id FROM placement_cost WHERE child IS NOT NULL
            UNION ALL SELECT 'survey', collection_year, child, id FROM survey_response WHERE child IS NOT NULL;
        CREATE VIEW survey_answer AS
            SELECT id, batch_id, collection_year, response_id, child, survey, question, answer FROM survey_response;
        """
}

enum EarlyYearsNames {
    static let asqColumns = DatasetLayout.asqDomains.map { $0.lowercased() }
}
