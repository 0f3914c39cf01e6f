/// The result of attacking published tables: for each primary-suppressed cell, the interval
/// an attacker can prove and whether it covers the protection interval. For the publisher's
/// eyes only (it carries true values).
public struct AuditReport: Sendable, Hashable {
    public struct Finding: Sendable, Hashable {
        public var table: String
        public var cell: CellKey
        public var trueValue: Double
        public var minimum: Double
        /// nil when the attacker has no upper bound.
        public var maximum: Double?
        /// The protection interval the attacker's interval must contain.
        public var requiredLower: Double
        public var requiredUpper: Double
        /// True when minimum and maximum are the attacker's optimum; false when they are
        /// feasible values found on the way (the true interval is then at least this wide).
        public var isExact: Bool = true
        /// What the integer attack said of a count the linear attack found protected.
        public var integerCheck: IntegerCheck = .notRun

        public enum IntegerCheck: Sendable, Hashable {
            /// Not a count, or the linear attack already narrowed it.
            case notRun
            /// Whole-valued tables reach both ends of the protection interval.
            case reached
            /// Only fractional tables reach an end: `minimum`/`maximum` are the integer attack's.
            case narrowed
            /// The policy's time for the integer attack ran out first: the linear verdict stands.
            case outOfTime
        }

        public var isProtected: Bool {
            minimum <= requiredLower + 1e-6 && (maximum.map { $0 >= requiredUpper - 1e-6 } ?? true)
        }
    }

    public var findings: [Finding]

    public var passed: Bool { findings.allSatisfy(\.isProtected) }
    public var failures: [Finding] { findings.filter { !$0.isProtected } }
    /// Counts whose protection rests on the linear attack alone (the integer attack's time ran out).
    public var integerUnchecked: Int { findings.filter { $0.integerCheck == .outOfTime }.count }
}
