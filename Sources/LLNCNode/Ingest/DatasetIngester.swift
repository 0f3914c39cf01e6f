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
    public let issues: [IngestIssue]
    /// Issues counted by reason (rule id for broken rules).
    public let rejectedByReason: [String: Int]
    /// Whether rows were stored; false when the files were rejected.
    public let stored: Bool
    /// Rows of an earlier load of the same dataset and year that this load replaced.
    public let replacedRows: Int
    /// Time spent reading and checking the files (parse, validate, pseudonymise, rules).
    public let validationTime: Duration
    /// Time spent in the store's transaction (zero when nothing was stored).
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
                report.issues.contains(where: \.rejectsWholeFile) || report.rowsValid == 0
                ? "fix the files and run the ingest again"
                : "fix the rows and run again, or add --accept-valid to load the \(report.rowsValid) valid rows"
            let problems = report.issues.count == 1 ? "1 problem" : "\(report.issues.count) problems"
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

    public func ingest(
        files: [URL], into store: NodeStore,
        progress: ((IngestProgress) -> Void)? = nil
    ) throws(IngestError) -> IngestReport {
        var validator = DatasetValidator(layout: layout, year: year, pseudonymiser: pseudonymiser)
        let clock = ContinuousClock()
        let started = clock.now
        let dataset = validator.validate(files: files, progress: progress)
        let validationTime = clock.now - started
        let summary = Dictionary(dataset.issues.map { ($0.summaryLabel, 1) }, uniquingKeysWith: +)
        let shouldStore =
            dataset.issues.isEmpty
            || (acceptValid && !dataset.rows.isEmpty && !dataset.issues.contains(where: \.rejectsWholeFile))
        func report(stored: Bool, replaced: Int, storeTime: Duration = .zero) -> IngestReport {
            IngestReport(
                dataset: layout.name, year: year, files: dataset.files, rowsRead: dataset.rowsRead,
                rowsValid: dataset.rows.count, rowsAccepted: stored ? dataset.rows.count : 0, rowsRejected: dataset.rowsRejected,
                issues: dataset.issues,
                rejectedByReason: summary, stored: stored, replacedRows: replaced,
                validationTime: validationTime, storeTime: storeTime)
        }
        guard shouldStore else { throw .rejected(report(stored: false, replaced: 0)) }
        do {
            let storing = clock.now
            let replacement = try store.replace(with: dataset, summary: summary, allowShrinking: allowShrinking)
            return report(stored: true, replaced: replacement.replacedRows, storeTime: clock.now - storing)
        } catch let refused as NodeStore.ShrinkRefused {
            throw .wouldShrink(dataset: layout.name, year: year, storedRows: refused.storedRows, newRows: refused.newRows)
        } catch {
            // GRDB's DatabaseError hides statement arguments from its description.
            throw .store(String(describing: error))
        }
    }
}
