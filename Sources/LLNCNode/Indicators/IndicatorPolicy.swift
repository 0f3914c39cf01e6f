import Foundation
import LLNCDisclosure

/// A node's rules for its indicator batches: the disclosure policy, and how many different
/// people must approve a batch before it can be sealed (2 = four-eyes).
///
/// Read from `indicator-policy.json` in the node directory when it exists, e.g.
/// `{"approvals_required": 2, "disclosure": {"threshold": 10}}`; every missing setting keeps
/// its default (one approver, the programme's disclosure defaults).
public struct IndicatorPolicy: Sendable, Hashable, Codable {
    public var approvalsRequired: Int
    public var disclosure: Policy

    public init(approvalsRequired: Int = 1, disclosure: Policy = .default) {
        self.approvalsRequired = approvalsRequired
        self.disclosure = disclosure
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case approvalsRequired = "approvals_required"
        case disclosure
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        approvalsRequired = try c.decodeIfPresent(Int.self, forKey: .approvalsRequired) ?? 1
        disclosure = try c.decodeIfPresent(Policy.self, forKey: .disclosure) ?? .default
        guard (1...2).contains(approvalsRequired) else {
            throw IndicatorError.invalidPolicy("approvals_required must be 1 or 2 (four-eyes)")
        }
        try Self.checkNationalFloors(disclosure)
    }

    /// A site may be stricter than the programme, never looser: what leaves the node must meet
    /// the national minimum the hub enforces, with rounding and secondary suppression on.
    /// (`llnc-node protect`, for tables the site publishes itself, takes any valid policy.)
    static func checkNationalFloors(_ policy: Policy) throws {
        let floors = Policy.default
        var problems: [String] = []
        if policy.threshold < floors.threshold { problems.append("threshold below \(floors.threshold)") }
        if policy.roundingBase == nil { problems.append("roundingBase null (counts would leave unrounded)") }
        if policy.protectionMargin < floors.protectionMargin { problems.append("protectionMargin below \(floors.protectionMargin)") }
        if policy.percentageMinimumNumerator < floors.percentageMinimumNumerator
            || policy.percentageMinimumRemainder < floors.percentageMinimumRemainder
        {
            problems.append("percentage minimums below \(floors.percentageMinimumNumerator)/\(floors.percentageMinimumRemainder)")
        }
        guard problems.isEmpty else {
            throw IndicatorError.invalidPolicy(
                "the disclosure settings are looser than the national minimum (\(problems.joined(separator: "; "))); a site may only make them stricter"
            )
        }
    }

    /// The policy in `file`, or the defaults when there is no such file.
    public static func load(_ file: URL) throws -> IndicatorPolicy {
        guard FileManager.default.fileExists(atPath: file.path) else { return IndicatorPolicy() }
        do {
            return try JSONDecoder().decode(IndicatorPolicy.self, from: Data(contentsOf: file))
        } catch let error as IndicatorError {
            throw error
        } catch {
            throw IndicatorError.invalidPolicy("\(file.lastPathComponent): \(error)")
        }
    }
}
