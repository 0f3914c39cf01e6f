/// The cell-key method: an alternative to suppression for tables that are produced often and
/// in many overlapping breakdowns (flexible or on-demand tables), where a suppression pattern
/// cannot be coordinated across every table a user might request. ONS (census 2021) and ABS
/// (TableBuilder) use it.
///
/// Each record carries a random key in 0 ..< keyRange, assigned once and stored with it. A
/// cell's key is the sum of its records' keys mod keyRange, so the same set of records always
/// gives the same key and therefore the same noise, however the table was requested:
/// averaging repeated requests learns nothing. Margins are perturbed independently, so
/// perturbed tables are not additive, and a differencing attack meets noise on both sides.
///
/// Use suppression (with rounding) for fixed official tables with margins that must add up,
/// such as the published statistics. Use cell-key perturbation when users build their own
/// tables and consistency matters more than additivity. Do not mix them on one table.
public struct CellKeyPerturbation: Sendable, Hashable {
    public let table: PerturbationTable
    public let keyRange: UInt32

    public init(table: PerturbationTable, keyRange: UInt32 = 256) throws {
        guard keyRange >= 2 else { throw DisclosureError.invalidPolicy(reason: "keyRange must be at least 2") }
        self.table = table
        self.keyRange = keyRange
    }

    /// The cell key of a set of records: the sum of their record keys, mod the key range.
    public func cellKey(recordKeys: some Sequence<UInt32>) -> UInt32 {
        UInt32(recordKeys.reduce(UInt64(0)) { ($0 + UInt64($1 % keyRange)) % UInt64(keyRange) })
    }

    /// The published count for a true count and its cell key. Deterministic.
    public func perturb(count: Int, cellKey: UInt32) -> Int {
        let fraction = Double(cellKey % keyRange) / Double(keyRange)
        return max(0, count + table.noise(count: count, fraction: fraction))
    }
}

extension Table {
    /// Perturbs every cell of a frequency table. `recordKeys` gives, for each leaf cell, the
    /// keys of the records counted in it (as many keys as the count); margin keys are the sums
    /// of their children's keys, which equals the sum over all their records.
    public func perturbed(by method: CellKeyPerturbation, recordKeys: [CellKey: [UInt32]]) throws -> [ProtectedCell] {
        guard kind == .frequency else {
            throw DisclosureError.invalidPolicy(reason: "cell-key perturbation applies to frequency tables; use dominance rules for `\(name)`")
        }
        var keys = [UInt32?](repeating: nil, count: cellCount)
        for index in 0..<cellCount where isLeaf(index) {
            let key = self.key(at: index)
            guard let records = recordKeys[key] else { throw DisclosureError.missingCell(table: name, cell: key) }
            guard Double(records.count) == values[index] else {
                throw DisclosureError.doesNotAddUp(table: name, cell: key, stated: values[index], sumOfParts: Double(records.count))
            }
            keys[index] = method.cellKey(recordKeys: records)
        }
        let range = UInt64(method.keyRange)
        for relation in relations.reversed() where keys[relation.parent] == nil {
            keys[relation.parent] = UInt32(relation.children.reduce(UInt64(0)) { ($0 + UInt64(keys[$1] ?? 0)) % range })
        }
        return (0..<cellCount).map { index in
            ProtectedCell(
                key: key(at: index), status: .perturbed,
                value: Double(method.perturb(count: Int(values[index]), cellKey: keys[index] ?? 0)), symbol: nil)
        }
    }

    func isLeaf(_ index: Int) -> Bool {
        let coordinates = coordinates(of: index)
        return dimensions.enumerated().allSatisfy { $1.isLeaf($1.values[coordinates[$0]]) }
    }
}
