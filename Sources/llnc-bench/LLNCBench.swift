import ArgumentParser

@main
struct LLNCBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-bench",
        abstract: "Benchmarks that print the figures quoted in the issues' closing notes.",
        subcommands: [IngestBenchmark.self])
}
