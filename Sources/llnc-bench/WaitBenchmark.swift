import ArgumentParser
import Foundation
import LLNCNode

/// `llnc-bench wait`: what the node spends while a hub is frozen. A socket on 127.0.0.1 that
/// listens but never answers (the kernel completes the handshake, nobody reads), and the
/// node's `HubClient` asking it for the key set until its timeout. The limit is zero: a
/// waiting client should sleep. The figure before AsyncHTTPClient, with URLSession over
/// libcurl, was 50.4 s of CPU in a 60 s wait (`llnc-node init` against such a socket).
struct WaitBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "CPU the node's HTTP client uses while waiting for a hub that never answers.")

    @Option(help: "Seconds to wait (the client's timeout).") var seconds = 10.0

    func run() async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard listening else { throw ValidationError("could not listen on 127.0.0.1") }
        let url = URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))/")!

        let before = Self.cpuSeconds()
        let start = ContinuousClock.now
        let answered: Bool
        do {
            _ = try await HubClient(baseURL: url, timeout: seconds).keys()
            answered = true
        } catch {
            answered = false
        }
        let wall = (ContinuousClock.now - start) / .seconds(1)
        let cpu = Self.cpuSeconds() - before
        guard !answered else { throw ValidationError("the silent socket answered") }
        print(
            String(format: "waited %.1f s for a hub that never answers: %.3f s of CPU (limit 0; URLSession over libcurl: 50.4 s in 60 s)", wall, cpu))
        print(String(format: "BENCH wall_seconds=%.3f cpu_seconds=%.3f", wall, cpu))
    }

    /// User plus system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
