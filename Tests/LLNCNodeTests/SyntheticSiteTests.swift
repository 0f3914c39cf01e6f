import Foundation
import GRDB
import Testing

@testable import LLNCNode

/// Synthetic sites: deterministic, in exactly the ingest layouts, at plausible rates.
@Suite(.timeLimit(.minutes(10)))
struct SyntheticSiteTests {
    static let spec = SyntheticSiteSpec(site: 353, children: 20_000, years: 2, lastYear: 2024, seed: 42)

    static func generate(_ spec: SyntheticSiteSpec) throws -> (URL, [SyntheticFile]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-synth-\(UUID().uuidString)")
        return (dir, try SyntheticSite(spec: spec).write(to: dir))
    }

    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let (_, a) = try Self.generate(Self.spec)
        let (_, b) = try Self.generate(Self.spec)
        var other = Self.spec
        other.seed = 43
        let (_, c) = try Self.generate(other)
        let bytes = { (files: [SyntheticFile]) in try files.map { try Data(contentsOf: $0.url) } }
        #expect(try bytes(a) == bytes(b))
        #expect(try bytes(a) != bytes(c))
    }

    @Test func everyFileIngestsWithoutAProblem() throws {
        let (_, files) = try Self.generate(Self.spec)
        #expect(Set(files.map(\.dataset)) == Set(DatasetLayout.all.map(\.name)))
        let store = try NodeStore.inMemory()
        for file in files {
            let layout = try #require(DatasetLayout.named(file.dataset))
            let ingester = DatasetIngester(layout: layout, year: file.year, pseudonymiser: Fixture.pseudonymiser)
            do {
                let report = try ingester.ingest(files: [file.url], into: store)
                #expect(report.rowsAccepted == file.rows, "\(file.year) \(file.dataset)")
            } catch {
                guard case .rejected(let report) = error else { throw error }
                Issue.record("\(file.year) \(file.dataset): \(report.issues.prefix(3).map(\.description))")
            }
        }
        // Children follow through years and datasets: many have records in more than one.
        let multi = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT child FROM child_record GROUP BY child HAVING COUNT(DISTINCT dataset) > 2)")
        }
        #expect((multi ?? 0) > 100)
    }

    @Test func ratesAreNationalLevel() throws {
        let (_, files) = try Self.generate(Self.spec)
        let store = try NodeStore.inMemory()
        for file in files where file.year == 2024 {
            _ = try DatasetIngester(layout: DatasetLayout.named(file.dataset)!, year: 2024, pseudonymiser: Fixture.pseudonymiser)
                .ingest(files: [file.url], into: store)
        }
        let perTenThousand = 10_000 / Double(Self.spec.children)
        let inCare = try store.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT child) FROM ssda903_episode WHERE dec IS NULL") ?? 0
        }
        #expect((45.0...100).contains(Double(inCare) * perTenThousand), "looked after at 31 March per 10,000")
        let gld = try store.read { db in try Double.fetchOne(db, sql: "SELECT AVG(gld = '1') FROM eyfsp_result") ?? 0 }
        #expect((0.58...0.75).contains(gld), "share reaching a good level of development")
        let (referrals, reReferrals) = try store.read { db in
            let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cin_referral WHERE referral_date >= '2023-04-01'") ?? 0
            let again =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM cin_referral r WHERE r.referral_date >= '2023-04-01' AND EXISTS (
                            SELECT 1 FROM cin_referral p WHERE p.child = r.child AND p.closure_date IS NOT NULL
                            AND p.closure_date < r.referral_date AND julianday(r.referral_date) - julianday(p.closure_date) <= 365)
                        """) ?? 0
            return (all, again)
        }
        #expect((400.0...700).contains(Double(referrals) * perTenThousand), "referrals per 10,000")
        #expect((0.08...0.3).contains(Double(reReferrals) / Double(referrals)), "share of re-referrals within 12 months")
        let rareEthnicities = try store.read { db in
            try Int.fetchAll(db, sql: "SELECT COUNT(*) FROM ssda903_header GROUP BY ethnicity")
        }
        #expect(rareEthnicities.contains { $0 < 10 }, "small groups exist for disclosure control to find")
    }

    /// The public reference data vendored in the repository (hub/reference).
    static let referenceData = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../hub/reference").standardized

    @Test func calibratesFromTheVendoredReferenceData() throws {
        let folder = Self.referenceData
        let oldham = try #require(SiteCalibration.load(site: 353, from: folder), "reference data at \(folder.path)")
        #expect(oldham.children > 50_000 && oldham.children < 80_000)
        #expect(oldham.lookedAfterRate > 50)
        #expect(SiteCalibration.load(site: 353, from: folder.appendingPathComponent("missing")) == nil)
    }
}

@Suite(.timeLimit(.minutes(10)))
struct SeededRandomTests {
    @Test func drawsCoverTheirRangesAndRepeatBySeed() {
        var a = SeededRandom(seed: 9)
        var b = SeededRandom(seed: 9)
        let draws = (0..<2_000).map { _ in a.int(1...6) }
        #expect(draws == (0..<2_000).map { _ in b.int(1...6) })
        #expect(Set(draws) == Set(1...6))
        let units = (0..<2_000).map { _ in a.unit() }
        #expect(units.allSatisfy { (0..<1).contains($0) })
        #expect((0.45...0.55).contains(units.reduce(0, +) / 2_000))
    }
}
