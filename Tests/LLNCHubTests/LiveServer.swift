import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import LLNCTestSupport
import Logging
import NIOCore
import ServiceLifecycle

/// Runs an application on a real socket on 127.0.0.1 for the few tests that need one (a
/// loopback client's address, the server's own request log), in place of HummingbirdTesting's
/// `.live`: that framework installs SIGTERM and SIGINT handlers for the whole test process
/// (so the watchdog's SIGTERM is ignored) and its client gives up after a fixed 20 seconds,
/// which a busy 2-core machine can exceed. Here no signal is touched and every wait scales
/// with `LLNC_TEST_TIME_SCALE`.
enum LiveServer {
    struct NotListening: Error, CustomStringConvertible {
        let limit: Duration
        var description: String { "the application was not listening on 127.0.0.1 after \(limit)" }
    }

    static func run<App: ApplicationProtocol, Value: Sendable>(
        _ app: App, _ body: @Sendable (TestClient) async throws -> Value
    ) async throws -> Value {
        let (ports, reportPort) = AsyncStream.makeStream(of: Int.self)
        let served = Reporting(base: app, reportPort: reportPort)
        let group = ServiceGroup(configuration: .init(services: [served], logger: app.logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            defer { tasks.cancelAll() }
            let port = try await firstPort(ports, within: TestTime.scaled(.seconds(60)))
            let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: TestTime.scaled(.seconds(60))))
            client.connect()
            do {
                let value = try await body(client)
                try await client.shutdown()
                await group.triggerGracefulShutdown()
                return value
            } catch {
                try? await client.shutdown()
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }

    private static func firstPort(_ ports: AsyncStream<Int>, within limit: Duration) async throws -> Int {
        try await withThrowingTaskGroup(of: Int?.self) { race in
            race.addTask { await ports.first { _ in true } }
            race.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { race.cancelAll() }
            guard let first = try await race.next(), let port = first else { throw NotListening(limit: limit) }
            return port
        }
    }

    /// The application on 127.0.0.1 port 0, reporting the port it was given.
    private struct Reporting<Base: ApplicationProtocol>: ApplicationProtocol {
        typealias Responder = Base.Responder
        let base: Base
        let reportPort: AsyncStream<Int>.Continuation

        var responder: Responder { get async throws { try await base.responder } }
        var server: HTTPServerBuilder { base.server }
        var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
        var configuration: ApplicationConfiguration { base.configuration.with(address: .hostname("127.0.0.1", port: 0)) }
        var logger: Logger { base.logger }
        var services: [any Service] { base.services }
        var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }

        @Sendable func onServerRunning(_ channel: any Channel) async {
            await base.onServerRunning(channel)
            if let port = channel.localAddress?.port { reportPort.yield(port) }
            reportPort.finish()
        }
    }
}

extension TestClient {
    /// One request, its response handed to `check`.
    func execute(uri: String, method: HTTPRequest.Method, body: ByteBuffer? = nil, _ check: (TestClient.Response) throws -> Void = { _ in })
        async throws
    {
        try check(
            try await execute(TestClient.Request(uri, method: method, authority: "127.0.0.1", headers: [.connection: "keep-alive"], body: body)))
    }
}
