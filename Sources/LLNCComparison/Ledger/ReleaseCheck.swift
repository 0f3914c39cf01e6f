import LLNCDisclosure

/// A release the hub proposes: the sites' cells it holds and the figures it derived.
public struct ProposedRelease: Codable, Sendable, Hashable {
    public var release: String
    public var siteCells: [SiteCell]
    /// Derived figures (aggregates, neighbour averages), as ledger entries of this release.
    public var figures: [LedgerEntry]
    /// The additivity of each site's breakdowns (parent = Σ children), which an attacker
    /// also knows.
    public var relations: [SiteRelation]

    enum CodingKeys: String, CodingKey {
        case release, figures, relations
        case siteCells = "site_cells"
    }

    public init(release: String, siteCells: [SiteCell], figures: [LedgerEntry], relations: [SiteRelation] = []) {
        self.release = release
        self.siteCells = siteCells
        self.figures = figures
        self.relations = relations
    }
}

/// What the re-check lets out: the figures to publish, those withheld with their reason,
/// and the ledger entries to append (the released site cells and derived figures).
public struct CheckedRelease: Codable, Sendable, Hashable {
    public var released: [LedgerEntry]
    public var withheld: [WithheldFigure]
    public var exposures: [Exposure]

    public init(released: [LedgerEntry], withheld: [WithheldFigure], exposures: [Exposure]) {
        self.released = released
        self.withheld = withheld
        self.exposures = exposures
    }

    /// The entries to append to the ledger: exactly what is released.
    public var ledgerEntries: [LedgerEntry] { released }
}

/// The hub-side disclosure re-check (issue 7, item 2). Proves with an LP attack (the
/// disclosure library's `Attacker`, GLPK) that no combination of everything in the ledger
/// and this release narrows a protected site cell:
///
/// - a cell a site suppressed (the hub never saw its value) must keep the interval an
///   attacker had from the sites' own publications and the ledger alone;
/// - a cell the hub holds but does not release must keep an interval around its true value
///   at least as wide as the policy's protection (± `protectionMargin` for counts,
///   ± `magnitudeProtectionRatio` for money and days).
///
/// The attacker knows every ledger entry, every site cell of this release, each site's
/// breakdown additivity, and assumes a revised cell's true value did not change across
/// vintages unless the site said it did or the published values contradict it.
///
/// A derived figure already implied by the sites' own publications (a sum of published
/// figures, an interval from their published ranges) cannot narrow anything and needs no LP;
/// the rest are attacked together per connected group of cells. A figure that would break
/// the protection is withheld (`withheld:differencing`). If the solver fails, every derived
/// figure is withheld (`withheld:solver`): fail closed.
public enum ReleaseCheck {
    public static func check(ledger: [LedgerEntry], proposed: ProposedRelease, policy: Policy = .default) -> CheckedRelease {
        var attack = ReleaseAttack(ledger: ledger, proposed: proposed, policy: policy)
        let released = proposed.siteCells.filter(\.releasable).flatMap { siteEntries($0, release: proposed.release, policy: policy) }
        let pending = proposed.figures.filter { !attack.isImplied($0) }
        var withheld: [WithheldFigure] = []
        var exposures: [Exposure] = []
        do {
            for group in attack.groups(of: pending) {
                let outcome = try attack.clear(group)
                withheld += outcome.withheld.map { WithheldFigure(figure: $0.figure, reason: "withheld:differencing") }
                exposures += outcome.exposures
            }
        } catch {
            return CheckedRelease(
                released: released, withheld: proposed.figures.map { WithheldFigure(figure: $0.figure, reason: "withheld:solver") },
                exposures: [])
        }
        let out = Set(withheld.map(\.figure))
        return CheckedRelease(
            released: released + proposed.figures.filter { !out.contains($0.figure) }, withheld: withheld,
            exposures: Array(Set(exposures)).sorted { ($0.site, $0.cell, $0.part.rawValue) < ($1.site, $1.cell, $1.part.rawValue) })
    }

    /// The ledger entries a released site cell adds: one per part a reader sees (its value,
    /// or a percentage's numerator and denominator), with the range the figure states
    /// (`[0, ∞)` for a suppressed one, so the ledger records that it was withheld then).
    static func siteEntries(_ cell: SiteCell, release: String, policy: Policy) -> [LedgerEntry] {
        guard let knowledge = CellKnowledge(cell.cell, policy: policy) else { return [] }
        return knowledge.parts.sorted { $0.key.rawValue < $1.key.rawValue }.map { part, bounds in
            LedgerEntry(
                release: release, figure: "site:\(cell.site)/\(cell.key)/\(part.rawValue)", kind: .siteCell,
                terms: [LedgerTerm(site: cell.site, cell: cell.key, part: part, vintage: cell.vintage)], bounds: bounds)
        }
    }
}
