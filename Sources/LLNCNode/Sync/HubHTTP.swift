import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The node's HTTP transport: AsyncHTTPClient on SwiftNIO, whose event loop sleeps in epoll
/// while a hub is slow to answer. (Foundation's URLSession over libcurl spun instead: waiting
/// 60 s for a hub that accepted the connection and said nothing cost 50 s of CPU.)
///
/// An authority's network often reaches the internet only through a proxy: `https_proxy`
/// (for an https hub, either case) or `http_proxy` (lower case only) is used as curl would,
/// except for hosts in `no_proxy` and for loopback.
enum HubHTTP {
    /// The longest answer the node reads from a hub (a receipt, a key set or a site profile
    /// is a few kilobytes).
    static let maxAnswerBytes = 16 * 1024 * 1024

    /// Sends one request; the status and body of any HTTP answer. Throws when none came
    /// within `timeout` seconds.
    static func send(
        _ method: HTTPMethod, _ url: URL, headers: [(String, String)], body: [UInt8]? = nil, timeout: TimeInterval
    ) async throws -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeout * 1000))
        let response = try await client(for: url).execute(request, deadline: deadline)
        let bytes = try await response.body.collect(upTo: maxAnswerBytes)
        return (Int(response.status.code), Array(buffer: bytes))
    }

    private static func client(for url: URL) -> HTTPClient {
        guard let proxied = url.scheme == "https" ? httpsProxied : httpProxied, ProxySetting.applies(to: url.host) else {
            return direct
        }
        return proxied
    }

    // Made once per process and never shut down: they live as long as the node's command.
    private static let direct = client(proxy: nil)
    private static let httpsProxied = ProxySetting.https.map(Self.client(proxy:))
    private static let httpProxied = ProxySetting.http.map(Self.client(proxy:))

    /// A refused or failed connection fails the request at once: the outbox has its own
    /// backoff (2 s doubling to 15 min) and records each attempt, so the transport must not
    /// retry behind it until the deadline.
    private static func client(proxy: HTTPClient.Configuration.Proxy?) -> HTTPClient {
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(10)), proxy: proxy)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}

/// The proxy settings of the environment, read the way curl reads them.
enum ProxySetting {
    static let environment = ProcessInfo.processInfo.environment

    static var https: HTTPClient.Configuration.Proxy? { parse(value("https_proxy")) }
    /// Lower case only, as curl reads it: `HTTP_PROXY` can be set by a CGI request header.
    static var http: HTTPClient.Configuration.Proxy? { parse(environment["http_proxy"]) }

    /// Whether a request to `host` goes through the proxy: not for loopback, and not for a
    /// host `no_proxy` names (exactly, or as a domain suffix; `*` for every host).
    static func applies(to host: String?, noProxy: String? = value("no_proxy")) -> Bool {
        guard let host = host?.lowercased(), !["localhost", "127.0.0.1", "::1", "[::1]"].contains(host), !host.hasPrefix("127.") else {
            return false
        }
        for entry in (noProxy ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !entry.isEmpty {
            if entry == "*" { return false }
            let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if host == domain || host.hasSuffix("." + domain) { return false }
        }
        return true
    }

    /// `http://user:password@proxy.example:3128`, or `proxy.example:3128`.
    static func parse(_ text: String?) -> HTTPClient.Configuration.Proxy? {
        guard let text, !text.isEmpty else { return nil }
        guard let url = URL(string: text.contains("://") ? text : "http://" + text), let host = url.host else { return nil }
        let port = url.port ?? 1080
        if let user = url.user {
            let password = url.password ?? ""
            return .server(
                host: host, port: port,
                authorization: .basic(username: user.removingPercentEncoding ?? user, password: password.removingPercentEncoding ?? password))
        }
        return .server(host: host, port: port)
    }

    private static func value(_ name: String) -> String? { environment[name] ?? environment[name.uppercased()] }
}
