import Foundation
import LLNCProtocol

/// Imports an offline site's bundle (SPEC.md §12): JSON lines, one envelope a line, each run
/// through the same `SubmissionIngest` as `POST /v1/submissions`. Writes one answer a line,
/// in the bundle's order, for the operator to return to the site: the receipt of an
/// accepted or duplicate envelope, or the problem of a refused one (with its signed
/// `rejected` receipt when the site was authenticated).
public struct BundleImport: Sendable {
    public let ingest: SubmissionIngest

    public init(ingest: SubmissionIngest) {
        self.ingest = ingest
    }

    public struct Summary: Equatable, Sendable, CustomStringConvertible {
        public var accepted = 0
        public var duplicate = 0
        /// Refusal code → how many envelopes got it.
        public var refused: [String: Int] = [:]

        public var description: String {
            let refusals = refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "accepted \(accepted), duplicate \(duplicate), refused \(refused.values.reduce(0, +))"
                + (refusals.isEmpty ? "" : " (\(refusals))")
        }
    }

    /// Runs every line of `bundle` and writes the answers to `answers` (created, not
    /// overwritten: an earlier answers file may not have reached the site yet).
    public func run(bundle: URL, answers: URL) async throws -> Summary {
        let data = try Data(contentsOf: bundle, options: .mappedIfSafe)
        let fd = open(answers.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw BundleImportError.cannotWrite(answers.path) }
        let out = FileHandle(fileDescriptor: fd, closeOnDealloc: true)

        var summary = Summary()
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            let envelope = [UInt8](line.last == UInt8(ascii: "\r") ? line.dropLast() : line)
            guard !envelope.allSatisfy({ $0 == 32 || $0 == 9 }) else { continue }
            let answer = try await ingest.ingest(envelope)
            switch answer {
            case .accepted: summary.accepted += 1
            case .duplicate: summary.duplicate += 1
            case .refused(let rejection, _): summary.refused[rejection.code, default: 0] += 1
            }
            try out.write(contentsOf: answer.body + [UInt8(ascii: "\n")])
        }
        try out.synchronize()
        return summary
    }
}

public enum BundleImportError: Error, CustomStringConvertible {
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path): "cannot create \(path) (it must not exist yet): choose another --answers path"
        }
    }
}
