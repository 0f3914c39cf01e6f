/// What two policies would withhold from the same table, side by side: the evidence for a
/// decision such as "threshold 10 or 5?" without publishing either.
public struct ThresholdImpact: Sendable {
    public struct Outcome: Sendable {
        public var policy: Policy
        public var primary: Int
        public var secondary: Int
        /// Cells that hold a number rather than a symbol.
        public var published: Int
    }

    public var first: Outcome
    public var second: Outcome
    /// Cells suppressed under the first policy but published under the second, and the reverse.
    public var suppressedOnlyByFirst: [CellKey]
    public var suppressedOnlyBySecond: [CellKey]

    /// Protects `table` under each policy (both fully, with secondary suppression and audit).
    public init(table: Table, first: Policy, second: Policy) throws {
        let a = try table.protected(by: first)
        let b = try table.protected(by: second)
        func outcome(_ p: ProtectedTable) -> Outcome {
            Outcome(policy: p.policy, primary: p.primaryCount, secondary: p.secondaryCount, published: p.cells.filter { $0.value != nil }.count)
        }
        self.first = outcome(a)
        self.second = outcome(b)
        suppressedOnlyByFirst = zip(a.cells, b.cells).filter { $0.status.isSuppressed && !$1.status.isSuppressed }.map(\.0.key)
        suppressedOnlyBySecond = zip(a.cells, b.cells).filter { !$0.status.isSuppressed && $1.status.isSuppressed }.map(\.0.key)
    }
}
