import Foundation
import GRDB
import LLNCProtocol
import Testing

@testable import LLNCNode

/// Nothing record-level reaches what leaves or what is logged: computed from a canary site
/// (identifiers marked, free text marked), no cell, review or audit entry holds a canary, a
/// child's pseudonym or a survey comment.
@Suite(.timeLimit(.minutes(10)))
struct WhatLeavesTests {
    @Test func cellsReviewsAndTheAuditLogHoldNoRecordLevelValue() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-leaves-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = SyntheticSiteSpec(site: 815, children: 3_000, years: 2, lastYear: 2025, seed: 11, canaries: true)
        let store = try NodeStore.inMemory()
        let pseudonymiser = try Pseudonymiser(siteSecret: [UInt8](repeating: 3, count: 32))
        for file in try SyntheticSite(spec: spec).write(to: directory) {
            _ = try DatasetIngester(
                layout: DatasetLayout.named(file.dataset)!, year: file.year, pseudonymiser: pseudonymiser,
                acceptValid: true
            ).ingest(files: [file.url], into: store)
        }
        let indicators = store.indicators()
        try indicators.approveCatalogue(IndicatorFixture.catalogue, by: "Asha Patel")
        let results = try store.computeIndicators(IndicatorEngine(catalogue: IndicatorFixture.catalogue), period: "2024-25")
        let id = try indicators.saveDraft(period: "2024-25", catalogue: IndicatorFixture.catalogue, results: results, policy: IndicatorPolicy())
        try indicators.approve(id, by: "Asha Patel")
        let batch = try indicators.batch(id)
        let review = BatchReview(batch: batch)
        let encoder = JSONEncoder()
        let wire = String(decoding: try encoder.encode(try batch.approvedCells()), as: UTF8.self)
        let audit = try indicators.auditEntries().map { "\($0.actor) \($0.subject) \($0.details)" }.joined(separator: "\n")
        let pseudonyms = try store.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT child FROM child_record") }
        #expect(pseudonyms.count > 100)
        for (name, text) in [("cells", wire), ("review", review.text), ("html review", review.html), ("audit log", audit)] {
            for marker in [SyntheticSiteSpec.canaryChildPrefix, SyntheticSiteSpec.canaryUPNPrefix, SyntheticSiteSpec.canaryFreeText] {
                #expect(!text.contains(marker), "\(name) holds \(marker)")
            }
            #expect(!pseudonyms.contains { text.contains($0) }, "\(name) holds a child's pseudonym")
        }
        #expect(audit.contains("rows read"), "ingests are in the audit log")
    }
}
