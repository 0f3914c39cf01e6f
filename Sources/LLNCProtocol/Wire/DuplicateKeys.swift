/// Finds a JSON object that names a key twice. RFC 8259 leaves such a message's meaning to
/// the reader (Foundation keeps the first value, Python and JavaScript the last), so a signed
/// header or a payload with a repeated key could mean two things to two implementations.
/// The protocol refuses them everywhere (SPEC.md §4.1). Keys are compared after their escapes
/// are decoded (`"a"` and `"\u0061"` are the same key). Only structure is read: whether the
/// text is valid JSON is the decoder's question, asked afterwards.
enum DuplicateKeys {
    /// The first repeated key, as a field path (`cells[3].indicator`), or nil.
    static func first(in bytes: [UInt8]) -> String? {
        /// An open object or array, and how a field path names it.
        struct Frame {
            var label: String
            var isObject: Bool
            var keys: Set<[UInt8]> = []
            var expectingKey = true
            var element = 0
        }
        var stack: [Frame] = []
        var lastKey = ""
        func childLabel() -> String {
            guard let parent = stack.last else { return "" }
            return parent.isObject ? lastKey : "[\(parent.element)]"
        }
        var i = 0
        let n = bytes.count
        while i < n {
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(Frame(label: childLabel(), isObject: bytes[i] == UInt8(ascii: "{")))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
            case UInt8(ascii: ","):
                if !stack.isEmpty {
                    stack[stack.count - 1].expectingKey = true
                    stack[stack.count - 1].element += 1
                }
            case UInt8(ascii: ":"):
                if !stack.isEmpty { stack[stack.count - 1].expectingKey = false }
            case UInt8(ascii: "\""):
                let (string, end) = readString(bytes, from: i)
                if let top = stack.last, top.isObject, top.expectingKey {
                    let key = String(decoding: string, as: UTF8.self)
                    guard stack[stack.count - 1].keys.insert(string).inserted else {
                        let labels = stack.dropFirst().map(\.label) + [key]
                        return labels.reduce("") { path, label in
                            path.isEmpty || label.hasPrefix("[") ? path + label : path + "." + label
                        }
                    }
                    stack[stack.count - 1].expectingKey = false
                    lastKey = key
                }
                i = end
                continue
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The string starting at the quote at `start`, its escapes decoded, and the index after
    /// its closing quote (or the end of the bytes).
    private static func readString(_ bytes: [UInt8], from start: Int) -> ([UInt8], Int) {
        var i = start + 1
        var out: [UInt8] = []
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") { return (out, i + 1) }
            guard c == UInt8(ascii: "\\"), i + 1 < bytes.count else {
                out.append(c)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            switch e {
            case UInt8(ascii: "u"):
                guard let unit = hex4(bytes, at: i + 2) else { out.append(e); i += 2; continue }
                i += 6
                var scalar = UInt32(unit)
                // A surrogate pair is one character.
                if (0xD800..<0xDC00).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(bytes, at: i + 2), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            case UInt8(ascii: "b"): out.append(0x08); i += 2
            case UInt8(ascii: "f"): out.append(0x0C); i += 2
            case UInt8(ascii: "n"): out.append(0x0A); i += 2
            case UInt8(ascii: "r"): out.append(0x0D); i += 2
            case UInt8(ascii: "t"): out.append(0x09); i += 2
            default: out.append(e); i += 2
            }
        }
        return (out, i)
    }

    private static func hex4(_ bytes: [UInt8], at index: Int) -> UInt16? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for b in bytes[index..<(index + 4)] {
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}
