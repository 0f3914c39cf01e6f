import Testing

@testable import LLNCNode

/// The node reaches a hub through the authority's proxy the way curl would: `https_proxy` or
/// `http_proxy`, except loopback and the hosts `no_proxy` names.
@Suite(.timeLimit(.minutes(10)))
struct ProxySettingTests {
    @Test(
        arguments: [
            ("hub.example.org", nil, true), ("hub.example.org", "example.org", false), ("hub.example.org", ".example.org", false),
            ("hub.example.org", "other.org, example.org", false), ("hub.example.org", "ample.org", true), ("hub.example.org", "*", false),
            ("127.0.0.1", nil, false), ("localhost", nil, false), ("127.0.0.2", nil, false), ("notexample.org", "example.org", true),
        ] as [(String, String?, Bool)])
    func aHostGoesThroughTheProxyUnlessExempt(_ host: String, _ noProxy: String?, _ proxied: Bool) {
        #expect(ProxySetting.applies(to: host, noProxy: noProxy) == proxied)
    }

    @Test func aProxyIsReadWithOrWithoutItsSchemeAndCredentials() throws {
        let plain = try #require(ProxySetting.parse("proxy.council.gov.uk:3128"))
        #expect(plain.host == "proxy.council.gov.uk" && plain.port == 3128)
        let withUser = try #require(ProxySetting.parse("http://svc-llnc:p%40ss@10.0.0.5:8080"))
        #expect(withUser.host == "10.0.0.5" && withUser.port == 8080)
        #expect(ProxySetting.parse("") == nil && ProxySetting.parse(nil) == nil)
    }
}
