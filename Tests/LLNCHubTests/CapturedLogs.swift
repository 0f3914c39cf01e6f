import Logging
import Synchronization

/// A swift-log handler that keeps every line in memory, so tests can read what the hub logs.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func logger(label: String = "llnc-hub-tests") -> Logger {
        Logger(label: label) { _ in LineLogHandler { [self] line in append(line) } }
    }

    private func append(_ line: String) { lines.withLock { $0.append(line) } }
}

/// A swift-log handler that turns each event into one line, `level message key=value ...`,
/// and hands it to `write`: test logs kept in memory (`CapturedLogs`) or appended to a file
/// (`TestPostgres.logger`).
struct LineLogHandler: LogHandler {
    let write: @Sendable (String) -> Void
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        write("\(event.level) \(event.message) \(all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
    }
}
