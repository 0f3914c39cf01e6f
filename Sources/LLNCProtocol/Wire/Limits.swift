/// Protocol v1's limits (SPEC.md §8). A hub refuses anything over them before parsing
/// further, so one site cannot exhaust the hub's memory.
public enum Limits {
    /// The protocol versions this implementation speaks.
    public static let supportedVersions: [Int] = [1]
    /// An envelope's JSON bytes on the wire.
    public static let maxEnvelopeBytes = 16 * 1024 * 1024
    /// The sealed payload's plaintext bytes.
    public static let maxPayloadBytes = 12 * 1024 * 1024
    public static let maxCellsPerPayload = 100_000
    public static let maxBreakdownDimensions = 8
    /// The highest `sequence`: 2^63 − 1, the largest a signed 64-bit database column holds,
    /// so every hub can store every sequence it accepts. Still a `u64` in the signed bytes.
    public static let maxSequence = UInt64(Int64.max)
    /// How far in the future `created_at` may be, in seconds.
    public static let clockSkewAllowance: Int64 = 300
    /// How long an enrolment token lives by default, in seconds (7 days).
    public static let enrolmentTokenLifetime: Int64 = 7 * 24 * 3600
}

/// What `llnc-node --version` and `llnc-hub --version` print: the release and the protocol
/// versions it speaks, so an operator can tell a supplier exactly what runs.
public enum LLNCRelease {
    public static let version = "0.2.0"
    public static var description: String {
        "\(version) (protocol \(Limits.supportedVersions.map(String.init).joined(separator: ", ")))"
    }
}
