/// One additivity constraint of a table: the parent cell equals the sum of its children
/// along one dimension, with every other dimension held fixed. Indexes are positions in the
/// attacked set of cells.
public struct Relation: Sendable, Hashable {
    public var parent: Int
    public var children: [Int]

    public init(parent: Int, children: [Int]) {
        self.parent = parent
        self.children = children
    }
}
