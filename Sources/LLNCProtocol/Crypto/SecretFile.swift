import Foundation

/// A secret (a key seed) on disk, for node and hub alike: hex text in a file only its owner can read, created with
/// O_EXCL so an existing key is never overwritten by accident.
public enum SecretFile {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case exists(String)
        case unreadable(String, reason: String)
        case tooOpen(String, mode: Int)

        public var description: String {
            switch self {
            case .exists(let path): "\(path) already exists; refusing to overwrite a key (move it aside first if you mean to replace it)"
            case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
            case .tooOpen(let path, let mode):
                "\(path) has mode \(String(mode, radix: 8)); a key file must be readable by its owner only (chmod 600 \(path))"
            }
        }
    }

    public static func create(_ url: URL, bytes: [UInt8]) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw Failure.exists(url.path) }
            throw Failure.unreadable(url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let text = Array((Hex.encode(bytes) + "\n").utf8)
        guard write(fd, text, text.count) == text.count, fsync(fd) == 0 else {
            throw Failure.unreadable(url.path, reason: String(cString: strerror(errno)))
        }
    }

    public static func read(_ url: URL, length: Int) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: url.path) } catch {
            throw Failure.unreadable(url.path, reason: "no such file (was the key made? see the README of the node or the hub)")
        }
        let mode = (attributes[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else { throw Failure.tooOpen(url.path, mode: mode) }
        let text = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Hex.decode(text), bytes.count == length else {
            throw Failure.unreadable(url.path, reason: "not \(length) bytes of hex")
        }
        return bytes
    }
}
