/// One classifying variable of a table (age band, site, category) and the hierarchy of its
/// values: every value except the root has exactly one parent, and a parent's cell is the sum
/// of its children's cells. That hierarchy is where the table's additivity (and so the
/// attacker's subtraction) comes from.
public struct Dimension: Sendable, Hashable {
    /// Geography dimensions decide the rounding base (regional and national cells round
    /// coarser); category dimensions are where "100% of a group in one category" is a
    /// disclosure.
    public enum Kind: String, Sendable, Hashable, Codable {
        case category
        case geography
    }

    public let name: String
    public let kind: Kind
    /// The value at the top of the hierarchy, e.g. `Total` or `England`.
    public let root: String
    /// Every value, root first, then in breadth-first order of the hierarchy.
    public let values: [String]
    private let parentOf: [String: String]
    private let childrenOf: [String: [String]]
    private let positionOf: [String: Int]

    /// A flat dimension: each value's parent is `root`.
    public init(name: String, kind: Kind = .category, root: String = "Total", values: [String]) throws {
        try self.init(name: name, kind: kind, root: root, children: [root: values])
    }

    /// A hierarchical dimension given as parent → children, e.g. `England → regions`,
    /// `region → sites`. Throws when a value has two parents, a value is its own ancestor or a
    /// value is not reachable from `root`.
    public init(name: String, kind: Kind = .category, root: String, children: [String: [String]]) throws {
        var parentOf: [String: String] = [:]
        for (parent, kids) in children {
            for kid in kids {
                if kid == root || parentOf[kid] != nil || kid == parent {
                    throw DisclosureError.invalidHierarchy(
                        dimension: name, value: kid,
                        reason: "it appears under more than one parent or under itself")
                }
                parentOf[kid] = parent
            }
        }
        var order = [root]
        var cursor = 0
        while cursor < order.count {
            let value = order[cursor]
            cursor += 1
            order.append(contentsOf: children[value] ?? [])
        }
        let reachable = Set(order)
        if reachable.count != order.count {
            throw DisclosureError.invalidHierarchy(dimension: name, value: root, reason: "a value appears twice")
        }
        for (parent, _) in children where !reachable.contains(parent) {
            throw DisclosureError.invalidHierarchy(
                dimension: name, value: parent, reason: "it is not reachable from the root `\(root)`")
        }
        self.name = name
        self.kind = kind
        self.root = root
        self.values = order
        self.parentOf = parentOf
        self.childrenOf = children.filter { !$0.value.isEmpty }
        self.positionOf = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    }

    public func contains(_ value: String) -> Bool { positionOf[value] != nil }
    public func position(of value: String) -> Int? { positionOf[value] }
    public func parent(of value: String) -> String? { parentOf[value] }
    public func children(of value: String) -> [String] { childrenOf[value] ?? [] }
    public func isLeaf(_ value: String) -> Bool { childrenOf[value] == nil }

    /// 0 for the root, 1 for its children, and so on.
    public func depth(of value: String) -> Int {
        var depth = 0
        var current = value
        while let parent = parentOf[current] {
            depth += 1
            current = parent
        }
        return depth
    }

    public static func == (lhs: Dimension, rhs: Dimension) -> Bool {
        lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.root == rhs.root && lhs.values == rhs.values
            && lhs.parentOf == rhs.parentOf
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(values)
    }
}
