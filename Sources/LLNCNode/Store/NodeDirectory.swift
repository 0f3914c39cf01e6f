import Foundation
import LLNCProtocol

/// A node's working directory: `node.sqlite` (the store) and `site-secret` (the 32-byte
/// pseudonymisation key, created on first use with mode 0600 in a 0700 directory).
///
/// Chosen by `--node-dir`, else the `LLNC_NODE_DIR` environment variable, else
/// `./llnc-node-data`. The secret never leaves this directory: losing it means new
/// pseudonyms for every child (no linkage to earlier loads); copying it elsewhere weakens the
/// pseudonymisation. Back it up with the same care as the store.
public struct NodeDirectory: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// `explicit`, else `$LLNC_NODE_DIR`, else `./llnc-node-data`.
    public static func resolve(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> NodeDirectory {
        let path = explicit ?? environment["LLNC_NODE_DIR"] ?? "llnc-node-data"
        return NodeDirectory(url: URL(fileURLWithPath: path, isDirectory: true))
    }

    public var storePath: String { url.appendingPathComponent("node.sqlite").path }
    public var secretPath: String { url.appendingPathComponent("site-secret").path }

    public enum SecretError: Error, CustomStringConvertible {
        case wrongLength(path: String, bytes: Int)
        case tooOpen(path: String, mode: Int)

        public var description: String {
            switch self {
            case .wrongLength(let path, let bytes):
                "\(path) holds \(bytes) bytes, not 32: restore the site secret from backup (a new one would break linkage)"
            case .tooOpen(let path, let mode):
                "\(path) has mode \(String(mode, radix: 8)): others can read the site secret; run chmod 600 on it"
            }
        }
    }

    /// Creates the directory if needed and sets it to 0700, however it was made before
    /// (`OwnerOnly`).
    @discardableResult
    public func create() throws -> Bool {
        try OwnerOnly.directory(url)
    }

    /// The node's store, for every command: the directory made private, a store that others
    /// could read refused (with the fix) or, in a directory that was private, tightened; a new
    /// store is made 0600 by `NodeStore.open`.
    public func openStore() throws -> NodeStore {
        let wasPrivate = try create()
        try OwnerOnly.secure(
            OwnerOnly.databaseFiles(storePath), what: "the node's store of pseudonymised records", directoryWasPrivate: wasPrivate)
        return try NodeStore.open(path: storePath)
    }

    /// The site secret, generated on first use. Refuses a secret others can read.
    public func siteSecret(generate: () -> [UInt8] = KeyedHash.generateKey) throws -> [UInt8] {
        try create()
        let fm = FileManager.default
        if !fm.fileExists(atPath: secretPath) {
            let fresh = generate()
            guard fm.createFile(atPath: secretPath, contents: Data(fresh), attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            return fresh
        }
        let mode = (try fm.attributesOfItem(atPath: secretPath)[.posixPermissions] as? Int) ?? 0
        guard mode & 0o077 == 0 else { throw SecretError.tooOpen(path: secretPath, mode: mode) }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: secretPath)))
        guard bytes.count == 32 else { throw SecretError.wrongLength(path: secretPath, bytes: bytes.count) }
        return bytes
    }
}
