/// The canonical byte encoding of everything LLNC signs (SPEC.md §3).
///
/// Deliberately tiny and positional, so another implementation can reproduce it from the
/// spec alone: integers are fixed-width big-endian; strings and byte strings are a u32
/// big-endian length then the bytes; lists are a u32 count then the items; maps are lists
/// of (key, value) string pairs sorted by the keys' UTF-8 bytes; an optional is a 0x00
/// byte, or 0x01 then the value. There are no field names and no floating point: the
/// structure's spec fixes field order, and numbers with a fraction travel as decimal strings.
public struct CanonicalEncoder: Sendable {
    public private(set) var output: [UInt8] = []

    public init() {}

    public mutating func u8(_ v: UInt8) { output.append(v) }
    public mutating func u16(_ v: UInt16) { appendBigEndian(v) }
    public mutating func u32(_ v: UInt32) { appendBigEndian(v) }
    public mutating func u64(_ v: UInt64) { appendBigEndian(v) }
    public mutating func i64(_ v: Int64) { appendBigEndian(UInt64(bitPattern: v)) }
    public mutating func bool(_ v: Bool) { output.append(v ? 1 : 0) }

    public mutating func bytes(_ v: some Collection<UInt8>) {
        u32(UInt32(v.count))
        output.append(contentsOf: v)
    }

    public mutating func string(_ v: String) { bytes(Array(v.utf8)) }

    public mutating func optional<T>(_ v: T?, _ encode: (inout CanonicalEncoder, T) -> Void) {
        guard let v else { return u8(0) }
        u8(1)
        encode(&self, v)
    }

    public mutating func list<T>(_ items: [T], _ encode: (inout CanonicalEncoder, T) -> Void) {
        u32(UInt32(items.count))
        for item in items { encode(&self, item) }
    }

    /// A string-to-string map, sorted by key bytes so insertion order can never matter.
    public mutating func map(_ pairs: [String: String]) {
        let sorted = pairs.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
        u32(UInt32(sorted.count))
        for (k, v) in sorted {
            string(k)
            string(v)
        }
    }

    private mutating func appendBigEndian<T: FixedWidthInteger>(_ v: T) {
        withUnsafeBytes(of: v.bigEndian) { output.append(contentsOf: $0) }
    }
}
