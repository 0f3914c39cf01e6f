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

        public var isProtected: Bool {
            minimum <= requiredLower + 1e-6 && (maximum.map { $0 >= requiredUpper - 1e-6 } ?? true)
        }
    }

    public var findings: [Finding]

    public var passed: Bool { findings.allSatisfy(\.isProtected) }
    public var failures: [Finding] { findings.filter { !$0.isProtected } }
}
