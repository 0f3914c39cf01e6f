import Foundation

/// What an ingest did, for the end-of-run summary. Contains counts and issues only, never a
/// record-level value.
public struct IngestReport: Sendable {
    public let dataset: String
    public let year: Int
    public let files: [String]
    public let rowsRead: Int
    /// Rows that passed every check, whether or not they were stored.
    public let rowsValid: Int
    /// Rows stored: `rowsValid` when the load went ahead, else 0.
    public let rowsAccepted: Int
    public let rowsRejected: Int
    /// The problems, the first `IssueList.limit` of them (`issueCount` counts them all).
    public let issues: [IngestIssue]
    public let issueCount: Int
    /// Whether any problem, kept or only counted, rejects a whole file.
    public let rejectsWholeFile: Bool
    /// Issues counted by reason (rule id for broken rules).
    public let rejectedByReason: [String: Int]
    /// Whether rows were stored; false when the files were rejected.
    public let stored: Bool
    /// Rows of an earlier load of the same dataset and year that this load replaced.
    public let replacedRows: Int
    /// Time spent reading, checking and inserting the rows (parse, validate, pseudonymise,
    /// row rules, the insert into the open transaction): one streaming pass.
    public let validationTime: Duration
    /// Time spent after reading: the rules across each child's rows, and the commit.
    public let storeTime: Duration

    /// The summary an analyst reads at the end of `llnc-node ingest`.
    public var summary: String {
        var lines = ["\(dataset) \(year): \(rowsRead) rows read, \(rowsAccepted) accepted, \(rowsRejected) rejected"]
        if !rejectedByReason.isEmpty { lines.append("problems by reason (a row may have several):") }
        for (reason, count) in rejectedByReason.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            lines.append("  \(count) × \(reason)")
        }
        if stored {
            lines.append(replacedRows > 0 ? "stored; replaced the \(replacedRows) rows loaded before for \(year)" : "stored")
        } else {
            lines.append("nothing stored: the store is as it was")
        }
        return lines.joined(separator: "\n")
    }
}

/// Why an ingest stored nothing. Descriptions name files, lines and columns, never values.
public enum IngestError: Error, CustomStringConvertible {
    /// The files have errors and `acceptValid` was not given (or no row was valid).
    case rejected(IngestReport)
    /// The load would replace a year with no rows, or under half the rows it holds, and
    /// `allowShrinking` was not given; the store is unchanged.
    case wouldShrink(dataset: String, year: Int, storedRows: Int, newRows: Int)
    /// The store refused the write; it is unchanged.
    case store(String)

    public var description: String {
        switch self {
        case .rejected(let report):
            let advice =
                report.rejectsWholeFile || report.rowsValid == 0
                ? "fix the files and run the ingest again"
                : "fix the rows and run again, or add --accept-valid to load the \(report.rowsValid) valid rows"
            let problems = report.issueCount == 1 ? "1 problem" : "\(report.issueCount) problems"
            return "\(report.dataset) \(report.year): \(problems) in \(report.files.joined(separator: ", ")); nothing stored; \(advice)"
        case .wouldShrink(let dataset, let year, let stored, let new):
            let load = new == 0 ? "has no rows (a header-only file?)" : "has \(new) rows, under half"
            return "\(dataset) \(year): the store holds \(stored) rows for \(year) and this load \(load); nothing stored. "
                + "Check the file is the whole extract; if replacing the year with fewer rows is intended, run again with --replace-with-fewer"
        case .store(let reason):
            return "the store refused the write (\(reason)); nothing stored"
        }
    }
}

/// The ingest use case: validate files for a dataset and year, then replace that year in the
/// store in one transaction, or store nothing.
public struct DatasetIngester: Sendable {
    public let layout: DatasetLayout
    public let year: Int
    public let pseudonymiser: Pseudonymiser
    /// Store the valid rows of files that have errors (the invalid rows are reported).
    public let acceptValid: Bool
    /// Replace a year with no rows or under half the rows it holds (refused otherwise).
    public let allowShrinking: Bool

    public init(layout: DatasetLayout, year: Int, pseudonymiser: Pseudonymiser, acceptValid: Bool = false, allowShrinking: Bool = false) {
        self.layout = layout
        self.year = year
        self.pseudonymiser = pseudonymiser
        self.acceptValid = acceptValid
        self.allowShrinking = allowShrinking
    }

    /// Reads the files and replaces the year in one streaming pass inside one transaction:
    /// each valid row is inserted as it is read, the rules across a child's rows run on what
    /// was inserted, and the transaction commits only if the load should be stored. Memory
    /// stays bounded whatever the files' size (`llnc-bench ingest` prints the peak).
    public func ingest(
        files: [URL], into store: NodeStore,
        progress: ((IngestProgress) -> Void)? = nil
    ) throws(IngestError) -> IngestReport {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            return try store.loadYear(layout, year: year) { load in
                var validator = DatasetValidator(layout: layout, year: year, pseudonymiser: pseudonymiser)
                var reading = try validator.read(files: files, progress: progress) { row, line, file in
                    try load.insert(row, line: line, file: file)
                }
                let readTime = clock.now - started
                let breaks = try load.fileRuleBreaks()
                for broken in breaks {
                    let rule = layout.fileRules[broken.rule]
                    reading.issues.append(
                        IngestIssue(
                            file: reading.files[broken.file], line: broken.line, column: rule.column,
                            reason: .ruleBroken, rule: rule.id, message: rule.message, fix: rule.fix))
                }
                let brokenRows = Array(Set(breaks.map(\.rowID)))
                reading.rowsValid -= brokenRows.count
                reading.rowsRejected += brokenRows.count
                let shouldStore =
                    reading.issues.isEmpty || (acceptValid && reading.rowsValid > 0 && !reading.issues.rejectsWholeFile)
                func report(stored: Bool, replaced: Int) -> IngestReport {
                    IngestReport(
                        dataset: layout.name, year: year, files: reading.files, rowsRead: reading.rowsRead,
                        rowsValid: reading.rowsValid, rowsAccepted: stored ? reading.rowsValid : 0, rowsRejected: reading.rowsRejected,
                        issues: reading.issues.kept, issueCount: reading.issues.count, rejectsWholeFile: reading.issues.rejectsWholeFile,
                        rejectedByReason: reading.issues.byLabel, stored: stored, replacedRows: replaced,
                        validationTime: readTime, storeTime: clock.now - started - readTime)
                }
                guard shouldStore else { throw Abandoned.rejected(report(stored: false, replaced: 0)) }
                if !allowShrinking, NodeStore.replacementShrinks(stored: load.storedRows, new: reading.rowsValid) {
                    throw Abandoned.shrink(stored: load.storedRows, new: reading.rowsValid)
                }
                try load.delete(brokenRows)
                try load.finish(
                    files: reading.files, rowsRead: reading.rowsRead, rowsAccepted: reading.rowsValid, rowsRejected: reading.rowsRejected,
                    summary: reading.issues.byLabel)
                return report(stored: true, replaced: load.storedRows)
            }
        } catch let abandoned as Abandoned {
            switch abandoned {
            case .rejected(let report): throw .rejected(report)
            case .shrink(let stored, let new): throw .wouldShrink(dataset: layout.name, year: year, storedRows: stored, newRows: new)
            }
        } catch {
            // GRDB's DatabaseError hides statement arguments from its description.
            throw .store(String(describing: error))
        }
    }

    /// Why the load's transaction is rolled back although nothing failed.
    private enum Abandoned: Error {
        case rejected(IngestReport)
        case shrink(stored: Int, new: Int)
    }
}
