import Foundation
import LLNCProtocol

/// The indicator catalogue node and hub share: sources, breakdowns and indicators, and the
/// version hash that names exactly this content.
public struct Catalogue: Sendable, Encodable {
    public struct Family: Sendable, Hashable, Encodable {
        public let name: String
        public let title: String
        public let file: String
    }

    public let sources: [Source]
    public let breakdowns: [Breakdown]
    public let families: [Family]
    public let indicators: [Indicator]
    /// Definitional identities between indicators' cells (see `Identity`).
    public let identities: [Identity]

    public init(sources: [Source], breakdowns: [Breakdown], families: [Family], indicators: [Indicator], identities: [Identity] = []) {
        self.sources = sources
        self.breakdowns = breakdowns
        self.families = families
        self.indicators = indicators
        self.identities = identities
    }

    public func source(_ name: String) -> Source? { sources.first { $0.name == name } }
    public func breakdown(_ name: String) -> Breakdown? { breakdowns.first { $0.name == name } }
    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    /// The catalogue's canonical form: its parsed content as JSON with sorted keys. Comments,
    /// key order within a mapping and YAML spelling do not change it; any change of meaning
    /// (a code, a filter, a version) does.
    public var canonicalBytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain value types with string keys cannot fail.
        return Array(try! encoder.encode(self))
    }

    /// BLAKE2b-256 of the canonical form, in hex: the `catalogue_version` a payload carries
    /// and what a site approves before computing with a catalogue.
    public var version: String { ContentDigest.hex(canonicalBytes) }

    enum CodingKeys: String, CodingKey { case sources, breakdowns, indicators, identities }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sources, forKey: .sources)
        try c.encode(breakdowns, forKey: .breakdowns)
        try c.encode(indicators, forKey: .indicators)
        // Left out when there are none, so a catalogue without identities keeps its version.
        if !identities.isEmpty { try c.encode(identities, forKey: .identities) }
    }

    /// The identities that name `indicator`.
    public func identities(of indicator: String) -> [Identity] {
        identities.filter { $0.terms.contains { $0.indicator == indicator } }
    }
}
