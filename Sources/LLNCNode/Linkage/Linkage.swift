import GRDB

/// One record of a child in one dataset and collection year: the unit stock-and-flow
/// follows through time.
public struct ChildRecord: Hashable, Sendable, Comparable {
    public let dataset: String
    public let year: Int

    public init(dataset: String, year: Int) {
        self.dataset = dataset
        self.year = year
    }

    public static func < (a: ChildRecord, b: ChildRecord) -> Bool { (a.year, a.dataset) < (b.year, b.dataset) }
}

extension NodeStore {
    /// Every dataset and year in which the child with this pseudonym has a record, through
    /// the `child_record` view: directly by CHILD/LAchildID, or through a UPN that belongs to
    /// exactly one child.
    public func records(ofChild pseudonym: String) throws -> [ChildRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT dataset, collection_year FROM child_record WHERE child = ?
                    ORDER BY collection_year, dataset
                    """, arguments: [pseudonym]
            )
            .map { ChildRecord(dataset: $0["dataset"], year: $0["collection_year"]) }
        }
    }

    /// How many distinct children the store holds records for.
    public func linkedChildCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT child) FROM child_record") ?? 0 }
    }
}
