import Foundation
import GRDB
import LLNCNode
import LLNCProtocol
import LLNCTestSupport
import Logging
import Synchronization
import Testing

/// `llnc-node run` follows the outbox's own backoff (2 s doubling to 15 min, with jitter):
/// a hub that is down or resets every connection is tried when the head of the queue is
/// due, not every second. The clock is fake, so the schedule of an hour runs in moments.
@Suite(.timeLimit(.minutes(10)), .serialized)
struct OutboxScheduleTests {
    /// Seconds since 1970 that move only when the service sleeps; records each pause.
    final class FakeClock: Sendable {
        private let state = Mutex<(now: Int64, pauses: [Int64])>((1_750_000_000, []))
        var now: Int64 { state.withLock { $0.now } }
        var pauses: [Int64] { state.withLock { $0.pauses } }

        /// Advances by `pause`; throws `Enough` once the service has slept `limit` times.
        func sleep(_ pause: Duration, limit: Int) throws {
            let count = state.withLock { state in
                state.now += pause.components.seconds
                state.pauses.append(pause.components.seconds)
                return state.pauses.count
            }
            if count >= limit { throw Enough() }
        }
    }

    struct Enough: Error {}

    static func outbox(pendingBatches: Int, hubURL: URL, now: Int64) throws -> (Outbox, SiteIdentity) {
        let identity = SiteIdentity(
            site: EnrolmentTests.oldham, signingKey: .generate(), hubURL: hubURL,
            hubKeys: HubKeySet(sealingKey: SealingKeyPair.generate().publicKey, signingKey: SigningKeyPair.generate().publicKey))
        let outbox = try Outbox(DatabaseQueue())
        for batch in 0..<pendingBatches {
            try outbox.seal(batch: "b\(batch)", cells: PushTests.cells, catalogueVersion: "2025.1", identity: identity, now: now)
        }
        return (outbox, identity)
    }

    /// Runs the service on the fake clock for `sleeps` pauses; returns the pauses and the head
    /// envelope's failed attempts.
    static func run(
        _ outbox: Outbox, _ identity: SiteIdentity, clock: FakeClock, sleeps: Int, interval: Duration = .seconds(3600),
        sealApproved: @escaping @Sendable () throws -> Int = { 0 }
    ) async throws -> (pauses: [Int64], attempts: Int) {
        let service = OutboxService(
            push: Push(outbox: outbox, identity: identity), interval: interval, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            clock: { clock.now }, sleep: { try clock.sleep($0, limit: sleeps) }, sealApproved: sealApproved)
        await #expect(throws: Enough.self) { try await service.run() }
        return (clock.pauses, try #require(try outbox.pending().first).attempts)
    }

    /// Two envelopes wait, so the untried second one (no retry time of its own) must not make
    /// the service push every second, as it did.
    @Test func aHubThatIsDownIsRetriedOnTheBackoffScheduleDoublingToFifteenMinutes() async throws {
        let clock = FakeClock()
        let (outbox, identity) = try Self.outbox(
            pendingBatches: 2, hubURL: URL(string: "http://127.0.0.1:\(try LoopbackSocket.closedPort())/")!, now: clock.now)
        let (pauses, attempts) = try await Self.run(outbox, identity, clock: clock, sleeps: 14)
        // One push per pause: each pause is that attempt's backoff, [bound / 2, bound] s.
        #expect(attempts == 14)
        let backoff = Backoff()
        for (attempt, pause) in pauses.enumerated() {
            let bound = backoff.bound(attempt: attempt)
            #expect(Double(pause) >= bound / 2 && Double(pause) <= bound.rounded(.up), "pause \(attempt) was \(pause) s, bound \(bound) s")
        }
        #expect(pauses.suffix(4).allSatisfy { $0 >= 450 && $0 <= 900 }, "the cap is 15 minutes: \(pauses)")
        #expect(pauses.reduce(0, +) >= 2761, "14 attempts take at least 46 minutes, not 14 seconds: \(pauses)")
    }

    /// When nothing is due, the service sleeps to the head's retry time even if the interval
    /// is shorter; when a batch is newly sealed it pushes at once.
    @Test func aNewlySealedBatchIsPushedAtOnceButAWaitingOneWaits() async throws {
        let clock = FakeClock()
        let (outbox, identity) = try Self.outbox(
            pendingBatches: 1, hubURL: URL(string: "http://127.0.0.1:\(try LoopbackSocket.closedPort())/")!, now: clock.now)
        let wakes = Mutex(0)
        let (pauses, attempts) = try await Self.run(
            outbox, identity, clock: clock, sleeps: 4, interval: .seconds(1),
            sealApproved: {
                wakes.withLock { count in
                    count += 1
                    return count == 4 ? 1 : 0 // a batch approved at t = 3
                }
            })
        // t = 0: the untried head is pushed; it fails and is due again at t = 2 (its first
        // backoff, 1 to 2 s, rounded up). t = 1: not due, no push. t = 2: due, pushed; next due
        // at t = 4 or later. t = 3: not due, but a batch was just sealed, so pushed.
        #expect(pauses == [1, 1, 1, 1])
        #expect(attempts == 3, "pushed when due or when something was sealed, and only then")
    }

    /// Against a real port that accepts and resets every connection, the hub sees one
    /// connection per scheduled attempt: 12 in 12 pauses spanning most of an hour.
    @Test func aHubThatResetsEveryConnectionSeesOneConnectionPerScheduledAttempt() async throws {
        let listener = try ResettingListener()
        defer { listener.stop() }
        let clock = FakeClock()
        let (outbox, identity) = try Self.outbox(pendingBatches: 3, hubURL: listener.url, now: clock.now)
        let (pauses, attempts) = try await Self.run(outbox, identity, clock: clock, sleeps: 12)
        #expect(attempts == 12)
        // Backoff, not a retry each second: at least 1 + 2 + ... + 256 s, then 3 × 450 s.
        #expect(pauses.reduce(0, +) >= 1861, "\(pauses)")
        #expect(try await listener.accepted(atLeast: 12, within: .seconds(10)) == 12, "pauses \(pauses)")
        #expect(try outbox.pending().first?.lastError?.contains("did not answer") == true)
    }
}

/// A TCP listener on 127.0.0.1 that accepts every connection and resets it at once (SO_LINGER
/// 0, so the client sees RST), counting them: a hub that is up but answers nothing.
final class ResettingListener: Sendable {
    final class Tally: Sendable {
        let state = Mutex<(accepted: Int, stopped: Bool)>((0, false))
    }
    let port: UInt16
    private let tally = Tally()

    var url: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    init() throws {
        let (fd, port) = try LoopbackSocket.bind()
        guard listen(fd, 16) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        self.port = port
        let tally = self.tally
        Thread {
            while !tally.state.withLock({ $0.stopped }) {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 50) > 0 else { continue }
                let client = accept(fd, nil, nil)
                guard client >= 0 else { continue }
                var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                close(client)
                tally.state.withLock { $0.accepted += 1 }
            }
            close(fd)
        }.start()
    }

    /// Connections accepted so far, waiting (bounded) until there are at least `count`.
    func accepted(atLeast count: Int, within limit: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + TestTime.scaled(limit)
        while tally.state.withLock({ $0.accepted }) < count, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return tally.state.withLock { $0.accepted }
    }

    func stop() { tally.state.withLock { $0.stopped = true } }
}

/// Waiting for a frozen hub costs nothing: the node's client sleeps until its timeout. With
/// URLSession over libcurl the same wait used 84% of a core (50.4 s of CPU in 60 s).
@Suite(.timeLimit(.minutes(10)))
struct FrozenHubTests {
    @Test func waitingForAHubThatNeverAnswersUsesAlmostNoCPU() async throws {
        let run = try await BuiltBinary.run("llnc-bench", ["wait", "--seconds", "3"])
        #expect(run.status == 0, "\(run.error)")
        let line = try #require(run.output.split(separator: "\n").first { $0.hasPrefix("BENCH ") })
        var figures: [String: Double] = [:]
        for pair in line.dropFirst(6).split(separator: " ") {
            let parts = pair.split(separator: "=")
            if parts.count == 2 { figures[String(parts[0])] = Double(parts[1]) }
        }
        let wall = try #require(figures["wall_seconds"])
        let cpu = try #require(figures["cpu_seconds"])
        #expect(wall >= 2.9, "it waited out the timeout")
        // CPU time only grows while the process runs, so a busy machine does not inflate it.
        #expect(cpu < wall * 0.2, "\(cpu) s of CPU in a \(wall) s wait")
    }
}
