import Foundation
import LLNCDisclosure
import LLNCProtocol

/// What one cell says about each of its parts (value, numerator, denominator) as a range:
/// a point when published exactly, the rounding interval when rounded, `[0, ∞)` when
/// suppressed (the hub never sees a suppressed value). A perturbed figure is taken as
/// published: it is the site's official figure, and its noise is not a range anyone can
/// state.
struct CellKnowledge: Hashable {
    var parts: [LedgerTerm.Part: Bounds]
    /// True when the cell carries a number a reader sees.
    var isShown: Bool

    static let unknown = Bounds(lower: 0, upper: nil)

    /// What a reader of the release knows (`hubView` false), or what the hub itself knows
    /// (`hubView` true: identical, since the hub holds no more than the site sent).
    init?(_ cell: Cell, policy: Policy) {
        let parts: [LedgerTerm.Part] = cell.unit == .percentage || cell.unit == .ratePer10000 ? [.numerator, .denominator] : [.value]
        switch cell.status {
        case .unavailable, .notApplicable:
            return nil
        case .suppressed:
            self.parts = Dictionary(uniqueKeysWithValues: parts.map { ($0, Self.unknown) })
            isShown = false
        case .published, .perturbed, .rounded:
            let base = Self.roundingBase(cell, policy: policy)
            var known: [LedgerTerm.Part: Bounds] = [:]
            for part in parts {
                let text: String? =
                    switch part {
                    case .value: cell.value
                    case .numerator: cell.numerator
                    case .denominator: cell.denominator
                    }
                guard let text, let number = Double(text) else {
                    // A rounded count shown as `low`/`k`: rounds to zero but is not zero.
                    if part == .value, cell.status == .rounded, cell.symbol == .low || cell.symbol == .k {
                        known[part] = Bounds(lower: 1, upper: Double((base + 1) / 2 - 1).rounded(.down))
                    } else {
                        known[part] = Self.unknown
                    }
                    continue
                }
                if Self.isRounded(part, of: cell) {
                    known[part] = Self.rounded(number, base: base)
                } else {
                    known[part] = .exactly(number)
                }
            }
            self.parts = known
            isShown = cell.value != nil || cell.symbol == .low || cell.symbol == .k
        }
    }

    init(parts: [LedgerTerm.Part: Bounds], isShown: Bool) {
        self.parts = parts
        self.isShown = isShown
    }

    /// Whether a part is a count the site rounded: a rounded count's value, and the numerator
    /// of every shown percentage or rate and the denominator of every percentage, which are
    /// the table's counts as published (SPEC.md §5.2), whatever the ratio's own status. A
    /// rate's denominator is the population estimate, published exactly.
    static func isRounded(_ part: LedgerTerm.Part, of cell: Cell) -> Bool {
        switch part {
        case .value: cell.status == .rounded && cell.unit == .count
        case .numerator: true
        case .denominator: cell.unit == .percentage
        }
    }

    /// What a shown ratio's published value means as a range: a percentage is computed from
    /// the exact counts and shown to the places it is written with, so the truth is within
    /// half a unit of the last place; a rate is computed from the rounded count, so only the
    /// count's rounding range says where the true rate is.
    func valueBounds(_ cell: Cell) -> Bounds? {
        guard let text = cell.value, let shown = Double(text) else { return parts[.value] }
        switch cell.unit {
        case .percentage:
            let places = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
            let half = 0.5 / pow(10, Double(places))
            var bounds = Bounds(lower: max(0, shown - half), upper: min(100, shown + half))
            if let n = parts[.numerator], let d = parts[.denominator], let ratio = Self.ratio(n, d, scale: 100) {
                // Both ranges hold the truth, so their overlap does (and is never empty for
                // figures a node produced; a hand-made cell keeps the display range).
                let lower = max(bounds.lower, ratio.lower)
                let upper = ratio.upper.map { min(bounds.upper ?? $0, $0) } ?? bounds.upper
                if upper.map({ lower <= $0 }) ?? true { bounds = Bounds(lower: lower, upper: upper) }
            }
            return bounds
        case .ratePer10000:
            guard let n = parts[.numerator], let d = parts[.denominator] else { return .exactly(shown) }
            return Self.ratio(n, d, scale: 10_000) ?? .exactly(shown)
        default:
            return parts[.value] ?? .exactly(shown)
        }
    }

    /// Every value of scale × n / d for n and d in their ranges; nil when d may be 0.
    static func ratio(_ n: Bounds, _ d: Bounds, scale: Double) -> Bounds? {
        guard d.lower > 0 else { return nil }
        return Bounds(lower: d.upper.map { scale * n.lower / $0 } ?? 0, upper: n.upper.map { scale * $0 / d.lower })
    }

    /// The base from the reason (`rounded:base5`), else the policy's site-level base.
    static func roundingBase(_ cell: Cell, policy: Policy) -> Int {
        if let reason = cell.reason, reason.hasPrefix("rounded:base"), let base = Int(reason.dropFirst("rounded:base".count)), base > 0 {
            return base
        }
        return policy.roundingBase ?? 1
    }

    /// Every non-negative integer that rounds to `published` at `base` (halves up).
    static func rounded(_ published: Double, base: Int) -> Bounds {
        guard base > 1 else { return .exactly(published) }
        return Bounds(lower: max(0, published - Double(base / 2)), upper: published + Double((base + 1) / 2 - 1))
    }
}

/// Interval propagation over additivity relations (parent = Σ children): each round narrows
/// a parent to the sum of its children's ranges and each child to the parent's range minus
/// its siblings'. Every step follows from the relations, so the result contains every value
/// consistent with them: tighter, never wrong.
enum BoundsPropagation {
    static func tighten<Key: Hashable>(_ bounds: inout [Key: Bounds], relations: [(parent: Key, children: [Key])], rounds: Int = 6) {
        guard !relations.isEmpty else { return }
        for _ in 0..<rounds {
            var changed = false
            for relation in relations {
                guard let parent = bounds[relation.parent], relation.children.allSatisfy({ bounds[$0] != nil }) else { continue }
                let children = relation.children.map { bounds[$0]! }
                let lowerSum = children.reduce(0) { $0 + $1.lower }
                let upperSum: Double? = children.reduce(Optional(0.0)) { acc, b in acc.flatMap { a in b.upper.map { a + $0 } } }
                var p = parent
                p.lower = max(p.lower, lowerSum)
                if let u = upperSum { p.upper = min(p.upper ?? u, u) }
                if p != parent {
                    bounds[relation.parent] = p
                    changed = true
                }
                for (i, key) in relation.children.enumerated() {
                    var c = children[i]
                    let othersLower = lowerSum - c.lower
                    if let pu = p.upper { c.upper = min(c.upper ?? (pu - othersLower), pu - othersLower) }
                    if let othersUpper = upperSum.flatMap({ u in children[i].upper.map { u - $0 } }) {
                        c.lower = max(c.lower, p.lower - othersUpper)
                    }
                    if c != children[i] {
                        bounds[key] = c
                        changed = true
                    }
                }
            }
            if !changed { return }
        }
    }
}
