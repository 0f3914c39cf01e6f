import Foundation

/// The file-mode rule for node and hub alike: a directory that holds a store or a secret is
/// 0700 and the files in it 0600, whatever the umask and however the directory was made.
///
/// The directory is tightened, because it is the program's own (a directory made beforehand
/// with 0755 would otherwise leave `node.sqlite`, pseudonymised records, readable by every
/// account on the machine). A store in a directory that was open is refused rather than
/// quietly fixed: someone may already have read it, and the person who runs the node or hub
/// must know that, so the message says what to run. In a directory that was already private
/// nobody else could reach the file, so an open mode (the 0644 that SQLite gave stores made
/// before this rule) is tightened without a word.
public enum OwnerOnly {
    public enum Exposure: Error, Equatable, CustomStringConvertible {
        /// `what` (e.g. "the node's store") at `path` has `mode`, which lets group or others in.
        case readableByOthers(path: String, what: String, mode: Int)
        /// `what` at `path` has `mode`, which lets group or others change it.
        case writableByOthers(path: String, what: String, mode: Int)
        /// The directory could not be made or set to 0700.
        case cannotRestrict(path: String, reason: String)

        public var description: String {
            switch self {
            case .readableByOthers(let path, let what, let mode):
                "\(path) (\(what)) has mode \(String(mode, radix: 8)): other accounts on this machine can read it. "
                    + "Check who could have, then run `chmod 600 \(path)` (and `chmod 600` its -wal and -shm files if present) and start again"
            case .writableByOthers(let path, let what, let mode):
                "\(path) (\(what)) has mode \(String(mode, radix: 8)): other accounts on this machine can change it. "
                    + "Check it is as the node wrote it, then run `chmod 600 \(path)` and start again"
            case .cannotRestrict(let path, let reason):
                "cannot make \(path) private to its owner (mode 700): \(reason); fix its ownership or choose another directory"
            }
        }
    }

    /// Makes `directory` (and any missing parents) if needed, then sets it to 0700. Returns
    /// whether it was private before: made now, or already closed to group and others.
    @discardableResult
    public static func directory(_ directory: URL) throws(Exposure) -> Bool {
        let wasPrivate = (mode(of: directory.path) ?? 0) & 0o077 == 0
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotRestrict(path: directory.path, reason: "\(error.localizedDescription)")
        }
        guard chmod(directory.path, 0o700) == 0 else { throw .cannotRestrict(path: directory.path, reason: String(cString: strerror(errno))) }
        return wasPrivate
    }

    /// Makes the existing files among `paths` (a store and its WAL files) 0600, or refuses
    /// them: an open file in a directory that was private is tightened, one in a directory
    /// that was open (`directoryWasPrivate` false) is refused with the fix.
    public static func secure(_ paths: [String], what: String, directoryWasPrivate: Bool) throws(Exposure) {
        for path in paths {
            if directoryWasPrivate {
                guard let mode = mode(of: path), mode & 0o077 != 0 else { continue }
                try restrict([path])
            } else {
                try check(path, what: what)
            }
        }
    }

    /// Refuses `path` if it exists and group or others may write it (a file that is not
    /// secret, but that says which hub to trust).
    public static func checkNotWritableByOthers(_ path: String, what: String) throws(Exposure) {
        guard let mode = mode(of: path), mode & 0o022 != 0 else { return }
        throw .writableByOthers(path: path, what: what, mode: mode)
    }

    /// Refuses `path` if it exists and group or others may read or write it.
    public static func check(_ path: String, what: String) throws(Exposure) {
        // Not made yet: it will be made 0600.
        guard let mode = mode(of: path), mode & 0o077 != 0 else { return }
        throw .readableByOthers(path: path, what: what, mode: mode)
    }

    /// The permission bits of `path`; nil when there is no such file.
    private static func mode(of path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_mode & 0o777) : nil
    }

    /// Sets the files among `paths` to 0600 (missing ones are skipped): Foundation's atomic
    /// writes create files with the umask's mode.
    public static func restrict(_ paths: [String]) throws(Exposure) {
        for path in paths where FileManager.default.fileExists(atPath: path) {
            guard chmod(path, 0o600) == 0 else { throw .cannotRestrict(path: path, reason: String(cString: strerror(errno))) }
        }
    }

    /// Makes an empty 0600 file at `path` if there is none, before SQLite opens it: SQLite
    /// gives the -wal and -shm files it makes later the database file's mode, so the whole
    /// store is private from its first byte whatever the umask.
    public static func createDatabaseFile(_ path: String) throws(Exposure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        // It exists, or cannot be made here: SQLite's own open reports the latter in its words.
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw .cannotRestrict(path: path, reason: String(cString: strerror(errno))) }
    }

    /// A SQLite database and the WAL files beside it.
    public static func databaseFiles(_ path: String) -> [String] { [path, path + "-wal", path + "-shm"] }
}
