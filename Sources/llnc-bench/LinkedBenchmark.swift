import ArgumentParser
import Foundation
import LLNCCatalogue
import LLNCDisclosure
import LLNCNode

/// `llnc-bench linked`: on synthetic sites, the linked looked-after and child-protection
/// tables protected each on its own (the first wave's method) and jointly (issue 21), each
/// attacked with every identity the catalogue declares. Prints, per site and period, the
/// suppressed cells and their true sum (information loss) and how many suppressed small
/// counts the attack narrows tighter than ±5 (the limit: 0).
struct LinkedBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linked",
        abstract: "Information loss and attack results of joint versus per-table protection of linked indicators.")

    @Option(help: "Synthetic sites.") var sites = 4
    @Option(help: "Children aged 0-17 at each site.") var children = 20_000
    @Option(help: "The catalogue folder.") var catalogue = "protocol/catalogue"

    func run() throws {
        let catalogue = try CatalogueLoader.load(directory: URL(fileURLWithPath: catalogue, isDirectory: true))
        let engine = IndicatorEngine(catalogue: catalogue)
        let periods = ["2023-24", "2024-25"]
        print("site period   | per table: suppressed  sum  narrowed exact | jointly: suppressed  sum  narrowed  time")
        var totals = (separate: 0, separateSum: 0.0, narrowed: 0, exact: 0, joint: 0, jointSum: 0.0, jointNarrowed: 0)
        for s in 0..<sites {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-bench-linked-\(getpid())-\(s)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let spec = SyntheticSiteSpec(site: 850 + s, children: children, years: 3, lastYear: 2025, seed: UInt64(100 + s))
            let files = try SyntheticSite(spec: spec).write(to: dir.appendingPathComponent("files"))
            let store = try NodeStore.inMemory()
            let pseudonymiser = try Pseudonymiser(siteSecret: [UInt8](repeating: UInt8(s + 1), count: 32))
            for file in files {
                _ = try DatasetIngester(layout: DatasetLayout.named(file.dataset)!, year: file.year, pseudonymiser: pseudonymiser, acceptValid: true)
                    .ingest(files: [file.url], into: store)
            }
            let indicators = store.indicators()
            try indicators.approveCatalogue(catalogue, by: "Bench")
            for period in periods {
                let groups = try store.linkedGroups(engine, period: period)
                var row = (separate: 0, separateSum: 0.0, narrowed: 0, exact: 0, joint: 0, jointSum: 0.0, jointNarrowed: 0)
                var seconds = 0.0
                for group in groups {
                    let separate = try group.tables.map { try $0.protected(by: Policy.default) }
                    let attacked = try Audit.attack(separate, identities: group.identities)
                    let start = Date()
                    let joint = try JointProtection.protect(
                        group.tables, identities: group.identities, earlier: group.earlier, policy: Policy.default)
                    seconds += Date().timeIntervalSince(start)
                    let rejoint = try Audit.attack(
                        joint.tables + group.earlier, identities: group.identities, fixedByDefinition: Set(joint.fixedByDefinition))
                    let fixed = Set(joint.fixedByDefinition)
                    for (tables, isJoint) in [(separate, false), (joint.tables, true)] {
                        for t in tables {
                            for (i, cell) in t.cells.enumerated() where cell.status.isSuppressed {
                                if isJoint {
                                    row.joint += 1
                                    row.jointSum += t.table.values[i]
                                } else {
                                    row.separate += 1
                                    row.separateSum += t.table.values[i]
                                }
                            }
                        }
                    }
                    let structural = { (f: AuditReport.Finding) in
                        fixed.contains(group.tables.first { $0.name == f.table }.map { t in t.label(of: t.index(of: f.cell)!) } ?? "")
                    }
                    let holes = attacked.failures.filter { !structural($0) }
                    row.narrowed += holes.count
                    row.exact += holes.filter { ($0.maximum ?? .infinity) - $0.minimum < 1e-6 }.count
                    row.jointNarrowed += rejoint.failures.count
                }
                print(
                    "\(850 + s)  \(period) | \(pad(row.separate, 19)) \(pad(Int(row.separateSum), 5)) \(pad(row.narrowed, 9)) \(pad(row.exact, 5)) | \(pad(row.joint, 18)) \(pad(Int(row.jointSum), 5)) \(pad(row.jointNarrowed, 9))  \(String(format: "%.2f", seconds)) s"
                )
                totals.separate += row.separate
                totals.separateSum += row.separateSum
                totals.narrowed += row.narrowed
                totals.exact += row.exact
                totals.joint += row.joint
                totals.jointSum += row.jointSum
                totals.jointNarrowed += row.jointNarrowed
                // Approve the full batch so the next period is protected against it.
                let results = try store.computeIndicators(engine, period: period)
                let id = try indicators.saveDraft(period: period, catalogue: catalogue, results: results, policy: IndicatorPolicy())
                try indicators.approve(id, by: "Bench")
            }
        }
        print(
            "all           | \(pad(totals.separate, 19)) \(pad(Int(totals.separateSum), 5)) \(pad(totals.narrowed, 9)) \(pad(totals.exact, 5)) | \(pad(totals.joint, 18)) \(pad(Int(totals.jointSum), 5)) \(pad(totals.jointNarrowed, 9))"
        )
        print("limit: 0 suppressed small counts narrowed tighter than ±5 (structural zeros, which no suppression can hide, left out of both)")
    }

    private func pad(_ n: Int, _ width: Int) -> String { String(repeating: " ", count: max(0, width - String(n).count)) + String(n) }
}
