import LLNCProtocol
import LLNCTestSupport
import Testing

/// Both tools say which release and protocol versions they are, so an operator can tell a
/// supplier exactly what runs.
@Suite(.timeLimit(.minutes(10)))
struct VersionTests {
    @Test(arguments: ["llnc-node", "llnc-hub"])
    func eachToolPrintsItsVersion(_ tool: String) async throws {
        let run = try await BuiltBinary.run(tool, ["--version"])
        #expect(run.status == 0)
        #expect(run.output.trimmingCharacters(in: .whitespacesAndNewlines) == LLNCRelease.description)
        #expect(LLNCRelease.description.hasSuffix("(protocol 1)"))
    }
}
