/// A piece of SQL with its bound arguments in the order of their `?` placeholders, so
/// fragments compose without ever splicing a value into the text.
public struct SQLFragment: Sendable, Hashable {
    public enum Argument: Sendable, Hashable {
        case text(String)
        case integer(Int)
        case real(Double)
    }

    public private(set) var sql: String
    public private(set) var arguments: [Argument]

    init(_ sql: String, _ arguments: [Argument] = []) {
        self.sql = sql
        self.arguments = arguments
    }

    static func text(_ value: String) -> SQLFragment { SQLFragment("?", [.text(value)]) }
    static func integer(_ value: Int) -> SQLFragment { SQLFragment("?", [.integer(value)]) }
    static func real(_ value: Double) -> SQLFragment { SQLFragment("?", [.real(value)]) }

    /// `(?, ?, ?)` for a list of codes.
    static func list(_ codes: [String]) -> SQLFragment {
        SQLFragment("(" + codes.map { _ in "?" }.joined(separator: ", ") + ")", codes.map { .text($0) })
    }

    // `++`, not `+`: overloading `+` with String operands would slow type-checking of every
    // string concatenation in the module.
    static func ++ (a: SQLFragment, b: SQLFragment) -> SQLFragment { SQLFragment(a.sql + b.sql, a.arguments + b.arguments) }
    static func ++ (a: SQLFragment, b: String) -> SQLFragment { SQLFragment(a.sql + b, a.arguments) }
    static func ++ (a: String, b: SQLFragment) -> SQLFragment { SQLFragment(a + b.sql, b.arguments) }
}

/// Concatenates SQL fragments, keeping each fragment's arguments in placeholder order.
infix operator ++ : AdditionPrecedence

/// Plain text on both sides, so a chain of fragments may start with two literals.
func ++ (a: String, b: String) -> String { a + b }

extension Array where Element == SQLFragment {
    /// Named apart from `joined(separator:)` so string joins elsewhere keep one overload to check.
    func sqlJoined(separator: String) -> SQLFragment {
        guard var out = first else { return SQLFragment("") }
        for next in dropFirst() { out = out ++ separator ++ next }
        return out
    }
}
