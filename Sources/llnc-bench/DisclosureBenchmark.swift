import ArgumentParser
import LLNCDisclosure

#if canImport(Glibc)
    import Glibc
#endif

/// `swift run -c release llnc-bench disclosure`: protects a national 3-D table (153 sites in
/// 9 regions + England × 6 age bands + Total × 12 categories + Total: 14,833 cells) with the
/// default policy (or `--exact`: no rounding) and prints the time, the suppressions and the audit result.
struct DisclosureBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosure",
        abstract: "Protect and audit a 3-D hierarchical table of about 15,000 cells.")

    @Option(help: "Seed for the table's counts, so a run can be repeated exactly.")
    var seed: UInt64 = 2026

    @Option(help: "Percentage of leaf cells drawn small (0-9) rather than 10-80.")
    var smallPercent: Int = 30

    @Option(help: "Regions under England.")
    var regions: Int = 9

    @Option(help: "Sites in each region (9 × 17 = 153, all of England).")
    var sitesPerRegion: Int = 17

    @Flag(help: "Publish exact counts (no rounding): every primary cell then needs a complement.")
    var exact = false

    func run() throws {
        var policy = Policy()
        if exact {
            policy.roundingBase = nil
            policy.aggregateRoundingBase = nil
        }
        let table = try Self.nationalTable(seed: seed, smallPercent: smallPercent, regions: regions, sitesPerRegion: sitesPerRegion)
        let start = Self.now()
        let protected = try table.protected(by: policy)
        let seconds = Self.now() - start
        let auditStart = Self.now()
        let reaudit = try Audit.attack([protected], exact: false)
        let auditSeconds = Self.now() - auditStart
        print("cells: \(table.cellCount) (\(table.dimensions.map { "\($0.name) \($0.values.count)" }.joined(separator: " × ")))")
        print("primary suppressions: \(protected.primaryCount)")
        print("secondary suppressions: \(protected.secondaryCount) (sum of their values \(Int(protected.secondaryValue)))")
        print("protect + audit time: \(String(Int(seconds * 1000))) ms")
        print("audit alone (repeated): \(String(Int(auditSeconds * 1000))) ms, \(reaudit.passed ? "passed" : "FAILED")")
        print(
            "audit: \(protected.audit.passed ? "passed" : "FAILED") (\(protected.audit.findings.count) primary cells attacked, \(protected.audit.failures.count) under-protected)"
        )
    }

    static func nationalTable(seed: UInt64, smallPercent: Int, regions regionCount: Int, sitesPerRegion: Int) throws -> Table {
        var regions: [String: [String]] = ["England": (1...regionCount).map { "Region \($0)" }]
        var site = 0
        for r in 1...regionCount {
            regions["Region \(r)"] = (0..<sitesPerRegion).map { _ in
                site += 1
                return "Site \(site)"
            }
        }
        let sites = try Dimension(name: "site", kind: .geography, root: "England", children: regions)
        let ages = try Dimension(name: "age", values: ["0-1", "1-5", "5-10", "10-16", "16-18", "18+"])
        let categories = try Dimension(name: "category", values: (1...12).map { "C\($0)" })
        var state = seed
        func next() -> UInt64 { // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var counts: [CellKey: Int] = [:]
        for s in 1...site {
            for age in ages.values.dropFirst() {
                for category in categories.values.dropFirst() {
                    let small = Int(next() % 100) < smallPercent
                    counts[CellKey("Site \(s)", age, category)] = small ? Int(next() % 10) : 10 + Int(next() % 71)
                }
            }
        }
        return try Table.frequency(name: "national", dimensions: [sites, ages, categories], counts: counts)
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
