import ArgumentParser

@main
struct LLNCBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llnc-bench",
        abstract: "Benchmarks that print the figures quoted in the issues' closing notes.",
        subcommands: [
            ProtocolBenchmark.self, DisclosureBenchmark.self, IngestBenchmark.self, HubIngestBenchmark.self,
            ComputeBenchmark.self, HubLoadBenchmark.self, LinkedBenchmark.self, WaitBenchmark.self,
        ])
}
