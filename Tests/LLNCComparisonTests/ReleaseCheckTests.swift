import Foundation
import LLNCComparison
import LLNCProtocol
import Testing

/// The re-check refuses releases that would expose a protected cell by differencing, and lets
/// through what is safe. "Held" cells are figures the hub holds but does not release
/// (`releasable: false`); their true values are known to the test, so exposure is exact.
@Suite(.timeLimit(.minutes(10)))
struct ReleaseCheckTests {
    static let id = "child_protection_plans_ended"

    /// (a) National minus sites: England = 40 + 12 + 100 with 40 and 100 published gives the
    /// held 12 away; so does the North West (Oldham 40 + Rochdale 12) and Oldham's neighbour
    /// average (Rochdale alone).
    @Test func nationalMinusPublishedSitesIsWithheld() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", Self.id, "40"),
            Fixtures.shown("354", Self.id, "12", releasable: false),
            Fixtures.shown("850", Self.id, "100"),
        ])
        let c = try #require(plan.comparison(Self.id))
        #expect(c.england.status == .withheld)
        #expect(c.england.reason == "withheld:differencing")
        #expect(c.england.value == nil && c.england.bounds == nil)
        #expect(c.region("E12000002")?.status == .withheld)
        #expect(c.region("E12000008")?.value == 100)
        #expect(c.site("353")?.neighbours?.status == .withheld)
        #expect(c.site("354")?.status == .suppressed && c.site("354")?.symbol == .confidential)
        #expect(c.site("354")?.value == nil)
        #expect(plan.withheld.contains(WithheldFigure(figure: "national:E92000001/\(Self.id)/1/2024-25//value", reason: "withheld:differencing")))
        #expect(!plan.ledgerEntries.contains { $0.figure.hasPrefix("national:") })
        #expect(!plan.ledgerEntries.contains { $0.figure.hasPrefix("site:354/") })
    }

    /// A region of one reporting site is that site's figure.
    /// The rule behind a site's suppression discloses its count (`primary:threshold` is 1 to 9,
    /// `primary:zero_in_sensitive_table` exactly 0, `secondary` not 1 to 9), so no released
    /// figure carries it: every suppressed site reads only `c`.
    @Test(arguments: ["primary:threshold", "primary:zero_in_sensitive_table", "secondary", "percentage:minimum"])
    func noReleasedFigurePublishesTheRuleBehindASuppression(_ reason: String) throws {
        var held = Fixtures.suppressed("354", Self.id)
        held.cell.reason = reason
        let plan = try Fixtures.plan([Fixtures.shown("353", Self.id, "40"), held, Fixtures.shown("850", Self.id, "100")])
        let c = try #require(plan.comparison(Self.id))
        #expect(c.site("354")?.status == .suppressed && c.site("354")?.symbol == .confidential)
        let published = String(decoding: try JSONEncoder().encode(plan.comparisons), as: UTF8.self)
        #expect(!published.contains(reason))
        #expect(!published.contains("primary:") && !published.contains("\"secondary\""))
    }

    /// The catalogue says the flow matrix's destination "looked after, residential" is the
    /// stock's residential. Oldham shows the stock (40) but suppressed the flow; Rochdale is
    /// held. Without the identity England's flow is 112 and up, safe; with it Oldham's flow
    /// is 40, England's flow is exactly 152, and 152 − 40 − 100 gives Rochdale's held 12: the
    /// re-check must know the identity and withhold it.
    @Test(arguments: [false, true])
    func aCatalogueIdentityBetweenIndicatorsIsPartOfTheReCheck(_ identities: Bool) throws {
        let stock = "looked_after_at_31_march"
        let flow = "state_transitions"
        let placement = ["placement_type": "residential"]
        let destination = ["from_state": "Total", "to_state": "looked_after:residential", "age_band": "Total"]
        var cells = [
            Fixtures.shown("353", stock, "40", breakdown: placement), Fixtures.shown("354", stock, "12", breakdown: placement, releasable: false),
            Fixtures.shown("850", stock, "100", breakdown: placement),
            Fixtures.shown("354", flow, "12", breakdown: destination, releasable: false), Fixtures.shown("850", flow, "100", breakdown: destination),
        ]
        var suppressed = Fixtures.suppressed("353", flow)
        suppressed.cell.breakdown = destination
        cells.append(suppressed)
        let plan = try Fixtures.plan(cells, identities: identities)
        let england = try #require(plan.comparison(flow, breakdown: destination)).england
        if identities {
            #expect(england.status == .withheld, "England's flow would give Rochdale's held figure away through Oldham's stock")
        } else {
            #expect(england.status == .interval && england.bounds == Bounds(lower: 112, upper: nil))
        }
    }

    @Test func aRegionOfOneHeldSiteIsWithheld() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", Self.id, "40"),
            Fixtures.shown("815", Self.id, "30", releasable: false),
        ])
        let c = try #require(plan.comparison(Self.id))
        #expect(c.region("E12000003")?.status == .withheld)
        #expect(c.region("E12000002")?.value == 40)
    }

    /// With North Yorkshire suppressed beside the held Rochdale figure, England is only
    /// "at least 152": Rochdale could be anything from 0 up, so the interval is released.
    @Test func aTotalThatStaysAnIntervalIsReleased() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", Self.id, "40"),
            Fixtures.shown("354", Self.id, "12", releasable: false),
            Fixtures.suppressed("815", Self.id),
            Fixtures.shown("850", Self.id, "100"),
        ])
        let england = try #require(plan.comparison(Self.id)?.england)
        #expect(england.status == .interval)
        #expect(england.bounds == Bounds(lower: 152, upper: nil))
        #expect(plan.ledgerEntries.contains { $0.figure == "national:E92000001/\(Self.id)/1/2024-25//value" })
    }

    /// Two held figures in one total protect each other: 12 + 30 = 42 leaves each 0...42.
    @Test func heldFiguresThatProtectEachOtherAreReleasedInTheTotal() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", Self.id, "20"),
            Fixtures.shown("354", Self.id, "12", releasable: false),
            Fixtures.shown("850", Self.id, "30", releasable: false),
        ])
        #expect(plan.comparison(Self.id)?.england.value == 62)
    }

    /// (b) This period minus last: last year's England (150, every site published) is in the
    /// ledger; a change figure for England this year (+2), with Oldham and Hampshire
    /// published, pins the held Rochdale figure to 12. A change over published sites only is
    /// released.
    @Test func thisPeriodMinusLastIsWithheld() throws {
        let lastYear = ["353": 40.0, "354": 10, "850": 100]
        var ledger: [LedgerEntry] = lastYear.map { site, value in
            LedgerEntry(
                release: "r1", figure: "site:\(site)/\(Self.id)/1/2023-24//value", kind: .siteCell,
                terms: [term(site, "2023-24")], bounds: .exactly(value))
        }
        ledger.append(
            LedgerEntry(
                release: "r1", figure: "national:E92000001/\(Self.id)/1/2023-24//value", kind: .aggregate,
                terms: ["353", "354", "850"].map { term($0, "2023-24") }, bounds: .exactly(150)))
        let cells = [
            Fixtures.shown("353", Self.id, "40"),
            Fixtures.shown("354", Self.id, "12", releasable: false),
            Fixtures.shown("850", Self.id, "100"),
        ]
        let englandChange = LedgerEntry(
            release: "r2", figure: "change:E92000001/\(Self.id)/1/2024-25//value", kind: .change,
            terms: ["353", "354", "850"].map { term($0, "2024-25") } + ["353", "354", "850"].map { term($0, "2023-24", -1) },
            bounds: .exactly(2))
        let oldhamChange = LedgerEntry(
            release: "r2", figure: "change:353/\(Self.id)/1/2024-25//value", kind: .change,
            terms: [term("353", "2024-25"), term("353", "2023-24", -1)], bounds: .exactly(0))
        let checked = ReleaseCheck.check(
            ledger: ledger, proposed: ProposedRelease(release: "r2", siteCells: cells, figures: [englandChange, oldhamChange]))
        #expect(checked.withheld == [WithheldFigure(figure: englandChange.figure, reason: "withheld:differencing")])
        #expect(checked.released.contains(oldhamChange))
    }

    /// (c) A revision: release 1 published England = Oldham v1 (20) + two held figures = 62.
    /// Oldham revises to 25, held; release 2's England (67) minus release 1's gives the
    /// revision away. Without the earlier release, the same England is safe.
    @Test func oldVintageTotalAgainstNewIsWithheld() throws {
        let first = try Fixtures.plan([
            Fixtures.shown("353", Self.id, "20"),
            Fixtures.shown("354", Self.id, "12", releasable: false),
            Fixtures.shown("850", Self.id, "30", releasable: false),
        ])
        #expect(first.comparison(Self.id)?.england.value == 62)
        let revised = [
            Fixtures.shown("353", Self.id, "25", vintage: 2, releasable: false),
            Fixtures.shown("354", Self.id, "12", releasable: false),
            Fixtures.shown("850", Self.id, "30", releasable: false),
        ]
        let second = try Fixtures.plan(revised, ledger: first.ledgerEntries)
        #expect(second.comparison(Self.id)?.england.status == .withheld)
        let alone = try Fixtures.plan(revised)
        #expect(alone.comparison(Self.id)?.england.value == 67)
    }

    /// The ledger records what each figure is a sum of, by site, cell and vintage.
    @Test func ledgerEntriesNameTheirTermsAndVintages() throws {
        let plan = try Fixtures.plan([
            Fixtures.shown("353", Self.id, "40", vintage: 3),
            Fixtures.suppressed("815", Self.id, vintage: 7),
        ])
        let england = try #require(plan.ledgerEntries.first { $0.figure == "national:E92000001/\(Self.id)/1/2024-25//value" })
        #expect(england.terms == [term("353", "2024-25", vintage: 3), term("815", "2024-25", vintage: 7)])
        #expect(england.bounds == Bounds(lower: 40, upper: nil))
        let suppressed = try #require(plan.ledgerEntries.first { $0.figure == "site:815/\(Self.id)/1/2024-25//value" })
        #expect(suppressed.bounds == Bounds(lower: 0, upper: nil))
    }

    /// Figures that contradict each other whatever the revisions did make the LP infeasible:
    /// nothing derived is released.
    @Test func aSolverFailureWithholdsEverythingDerived() throws {
        let ledger = [
            LedgerEntry(release: "r1", figure: "site:353/x", kind: .siteCell, terms: [term("353", "2024-25")], bounds: .exactly(40)),
            LedgerEntry(
                release: "r1", figure: "national:x", kind: .aggregate, terms: [term("353", "2024-25"), term("354", "2024-25")],
                bounds: .exactly(30)),
        ]
        let cells = [Fixtures.shown("353", Self.id, "40"), Fixtures.shown("354", Self.id, "12", releasable: false)]
        let figure = LedgerEntry(
            release: "r2", figure: "national:y", kind: .aggregate,
            terms: [term("353", "2024-25"), term("354", "2024-25")], bounds: .exactly(52))
        let other = LedgerEntry(release: "r2", figure: "regional:z", kind: .aggregate, terms: [term("353", "2024-25")], bounds: .exactly(40))
        let checked = ReleaseCheck.check(ledger: ledger, proposed: ProposedRelease(release: "r2", siteCells: cells, figures: [figure, other]))
        #expect(Set(checked.withheld.map(\.reason)) == ["withheld:solver"])
        #expect(checked.withheld.count == 2)
        #expect(!checked.released.contains { $0.kind != .siteCell })
    }

    /// A held figure an earlier release already gave away is reported; the new release adds
    /// nothing, so it goes out.
    @Test func anEarlierExposureIsReported() throws {
        let ledger = [
            LedgerEntry(release: "r1", figure: "site:354/old", kind: .siteCell, terms: [term("354", "2024-25")], bounds: .exactly(12))
        ]
        let cells = [Fixtures.shown("354", Self.id, "12", vintage: 2, releasable: false), Fixtures.shown("353", Self.id, "40")]
        let figure = LedgerEntry(
            release: "r2", figure: "national:y", kind: .aggregate,
            terms: [term("353", "2024-25"), term("354", "2024-25", vintage: 2)], bounds: .exactly(52))
        let checked = ReleaseCheck.check(ledger: ledger, proposed: ProposedRelease(release: "r2", siteCells: cells, figures: [figure]))
        #expect(checked.withheld.isEmpty)
        #expect(checked.exposures.map(\.site) == ["354"])
    }
}

private func term(_ site: String, _ period: String, _ coefficient: Int = 1, vintage: UInt64 = 1) -> LedgerTerm {
    LedgerTerm(site: site, cell: "\(ReleaseCheckTests.id)/1/\(period)/", part: .value, vintage: vintage, coefficient: coefficient)
}
