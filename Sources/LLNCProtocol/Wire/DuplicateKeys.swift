/// Finds a JSON object that names a key twice. RFC 8259 leaves such a message's meaning to
/// the reader (Foundation keeps the first value, Python and JavaScript the last), so a signed
/// header or a payload with a repeated key could mean two things to two implementations.
/// The protocol refuses them everywhere (SPEC.md §4.1). Keys are compared after their escapes
/// are decoded (`"a"` and `"\u0061"` are the same key). Only structure is read: whether the
/// text is valid JSON is the decoder's question, asked afterwards.
enum DuplicateKeys {
    /// An open object or array: the key (in an object) or element index (in an array) it
    /// sits under, for the field path of a repeat.
    private struct Frame {
        var key: [UInt8]?
        var index: Int?
        var isObject: Bool
        var keys: Set<[UInt8]> = []
        var expectingKey = true
        var element = 0
    }

    /// The first repeated key, as a field path (`cells[3].indicator`), or nil.
    static func first(in bytes: [UInt8]) -> String? {
        var stack: [Frame] = []
        var lastKey: [UInt8] = []
        var i = 0
        let n = bytes.count
        while i < n {
            switch bytes[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let parent = stack.last
                stack.append(
                    Frame(
                        key: parent?.isObject == true ? lastKey : nil, index: parent?.isObject == false ? parent?.element : nil,
                        isObject: bytes[i] == UInt8(ascii: "{")))
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
                guard let top = stack.last, top.isObject, top.expectingKey else {
                    // A value: only its end matters (the ciphertext is megabytes of it).
                    i = endOfString(bytes, from: i)
                    continue
                }
                let (key, end) = readString(bytes, from: i)
                guard stack[stack.count - 1].keys.insert(key).inserted else {
                    return path(stack.dropFirst(), key)
                }
                stack[stack.count - 1].expectingKey = false
                lastKey = key
                i = end
                continue
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// `header.sequence`, `cells[3].indicator`.
    private static func path(_ frames: some Sequence<Frame>, _ key: [UInt8]) -> String {
        var path = ""
        for frame in frames {
            if let index = frame.index { path += "[\(index)]" }
            if let parentKey = frame.key { path += (path.isEmpty ? "" : ".") + String(decoding: parentKey, as: UTF8.self) }
        }
        return path + (path.isEmpty ? "" : ".") + String(decoding: key, as: UTF8.self)
    }

    /// The index after the closing quote of the string starting at `start`.
    private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start + 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""): return i + 1
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
        return i
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
                guard let unit = hex4(bytes, at: i + 2) else {
                    out.append(e)
                    i += 2
                    continue
                }
                i += 6
                var scalar = UInt32(unit)
                // A surrogate pair is one character.
                if (0xD800..<0xDC00).contains(unit), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                    bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(bytes, at: i + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default:
                // `\"`, `\\` and `\/` stand for themselves.
                out.append(Self.shortEscapes[e] ?? e)
                i += 2
            }
        }
        return (out, i)
    }

    /// RFC 8259's one-letter escapes and the bytes they stand for.
    private static let shortEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

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
