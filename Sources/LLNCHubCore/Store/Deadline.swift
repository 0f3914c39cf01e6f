/// Runs `body`, throwing `DeadlinePassed` if it has not finished within `limit`; `body` is
/// cancelled then. `/readyz` and a PostgreSQL store's first connection wait through it.
public func withDeadline(_ limit: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Bool.self) { group in
        group.addTask {
            try await body()
            return true
        }
        group.addTask {
            try await Task.sleep(for: limit)
            return false
        }
        defer { group.cancelAll() }
        guard try await group.next() == true else { throw DeadlinePassed() }
    }
}

public struct DeadlinePassed: Error {}
