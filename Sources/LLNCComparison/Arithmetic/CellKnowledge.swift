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
                let text: String? = switch part {
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
                if cell.status == .rounded, cell.unit == .count || part != .value {
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
                if p != parent { bounds[relation.parent] = p; changed = true }
                for (i, key) in relation.children.enumerated() {
                    var c = children[i]
                    let othersLower = lowerSum - c.lower
                    if let pu = p.upper { c.upper = min(c.upper ?? (pu - othersLower), pu - othersLower) }
                    if let othersUpper = upperSum.flatMap({ u in children[i].upper.map { u - $0 } }) {
                        c.lower = max(c.lower, p.lower - othersUpper)
                    }
                    if c != children[i] { bounds[key] = c; changed = true }
                }
            }
            if !changed { return }
        }
    }
}
