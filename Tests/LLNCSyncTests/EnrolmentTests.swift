import Foundation
import LLNCNode
import LLNCProtocol
import LLNCTestSupport
import Testing

@Suite(.timeLimit(.minutes(10)), .serialized)
struct EnrolmentTests {
    static let oldham = try! SiteID(laNumber: "353", onsCode: "E08000004")
    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    @Test func aNodeEnrolsWithItsTokenAndPinsTheHub() async throws {
        let hub = try await HubUnderTest.start()
        let node = try TemporaryDirectory("llnc-sync-node")
        defer { node.remove() }
        let token = try await hub.invite("353")
        let identity = try await SiteIdentity.enrol(nodeDirectory: node.url, hubURL: await hub.url, token: token, site: Self.oldham, now: Self.now)
        #expect(identity.hubKeys.pin == token.hubKeysPin)
        let reloaded = try SiteIdentity.load(nodeDirectory: node.url)
        #expect(reloaded.signingKey.keyID == identity.signingKey.keyID)
        #expect(try await hub.command(["sites", "list"]).contains(identity.signingKey.keyID.hex))
        await hub.stop()
    }

    /// `llnc-node init` as an operator runs it: the token never on the command line, where
    /// every local user can read it (`/proc/PID/cmdline`) and enrol first.
    @Test func initReadsTheTokenFromAFileAndRefusesItAsAnArgument() async throws {
        let hub = try await HubUnderTest.start()
        let node = try TemporaryDirectory("llnc-sync-node")
        defer { node.remove() }
        let token = try await hub.invite("353")
        let base = ["init", "--node-dir", node.url.path, "--hub", await hub.url.absoluteString, "--ons-code", "E08000004"]

        let onArgv = try await BuiltBinary.run("llnc-node", base + ["--token", token.description])
        #expect(onArgv.status != 0)
        #expect(onArgv.error.contains("--token-file") && !onArgv.error.contains(token.description))
        #expect(!FileManager.default.fileExists(atPath: node.url.appendingPathComponent("enrolment.json").path))

        let file = node.url.appendingPathComponent("token.txt")
        try Data("\(token.description)\n".utf8).write(to: file)
        let fromFile = try await BuiltBinary.run("llnc-node", base + ["--token-file", file.path])
        #expect(fromFile.status == 0, "\(fromFile.error)")
        #expect(try SiteIdentity.load(nodeDirectory: node.url).site == Self.oldham)
        await hub.stop()
    }

    @Test func aTokenWorksOnce() async throws {
        let hub = try await HubUnderTest.start()
        let first = try TemporaryDirectory("llnc-sync-node")
        let second = try TemporaryDirectory("llnc-sync-node")
        defer {
            first.remove()
            second.remove()
        }
        let token = try await hub.invite("353")
        _ = try await SiteIdentity.enrol(nodeDirectory: first.url, hubURL: await hub.url, token: token, site: Self.oldham, now: Self.now)
        await #expect {
            try await SiteIdentity.enrol(nodeDirectory: second.url, hubURL: await hub.url, token: token, site: Self.oldham, now: Self.now)
        } throws: { error in
            guard case .refused(let problem, _) = error as? HubClientError else { return false }
            return problem.code == "enrolment-token-invalid"
        }
        #expect(!FileManager.default.fileExists(atPath: second.url.appendingPathComponent("enrolment.json").path))
        // A refused enrolment leaves nothing: no signing key the hub never registered.
        #expect(try FileManager.default.contentsOfDirectory(atPath: second.url.path).isEmpty)
        let fresh = second.url.appendingPathComponent("node-dir-made-by-init")
        await #expect(throws: HubClientError.self) {
            try await SiteIdentity.enrol(nodeDirectory: fresh, hubURL: await hub.url, token: token, site: Self.oldham, now: Self.now)
        }
        #expect(!FileManager.default.fileExists(atPath: fresh.path), "the directory enrol made is removed again")
        await hub.stop()
    }

    /// A token whose pin is not this hub's (an impostor, or a hub that changed keys): the
    /// node refuses before it sends the token's secret, and records no enrolment.
    @Test func aHubWhoseKeysDoNotMatchThePinIsRefused() async throws {
        let hub = try await HubUnderTest.start()
        let node = try TemporaryDirectory("llnc-sync-node")
        defer { node.remove() }
        let real = try await hub.invite("353")
        let forged = EnrolmentToken(laNumber: "353", expiresAt: real.expiresAt, secret: real.secret, hubKeysPin: [UInt8](repeating: 7, count: 32))
        await #expect(throws: ProtocolError.hubKeyPinMismatch) {
            try await SiteIdentity.enrol(nodeDirectory: node.url, hubURL: await hub.url, token: forged, site: Self.oldham, now: Self.now)
        }
        #expect(throws: SiteIdentity.Failure.notEnrolled(path: node.url.appendingPathComponent("enrolment.json").path)) {
            try SiteIdentity.load(nodeDirectory: node.url)
        }
        // The pin was checked before the secret left: the hub never saw it, so the token
        // (the same secret) is still unused and enrols the real node.
        let identity = try await SiteIdentity.enrol(nodeDirectory: node.url, hubURL: await hub.url, token: real, site: Self.oldham, now: Self.now)
        #expect(identity.hubKeys.pin == real.hubKeysPin)
        await hub.stop()
    }

    @Test func aTokenForAnotherSiteIsRefusedBeforeAnythingIsSent() async throws {
        let node = try TemporaryDirectory("llnc-sync-node")
        defer { node.remove() }
        let token = EnrolmentToken(
            laNumber: "354", expiresAt: Self.now + 60, secret: [UInt8](repeating: 1, count: 32), hubKeysPin: [UInt8](repeating: 2, count: 32))
        await #expect(throws: SiteIdentity.Failure.tokenForAnotherSite(token: "354", site: "353")) {
            try await SiteIdentity.enrol(
                nodeDirectory: node.url, hubURL: URL(string: "http://127.0.0.1:9/")!, token: token, site: Self.oldham, now: Self.now)
        }
    }
}

extension EnrolmentTests {
    /// The token's secret is a bearer credential: it never goes over plain http to another
    /// machine.
    @Test func plainHTTPToAnotherMachineIsRefusedBeforeAnythingIsSent() async throws {
        let node = try TemporaryDirectory("llnc-sync-node")
        defer { node.remove() }
        let token = EnrolmentToken(
            laNumber: "353", expiresAt: Self.now + 60, secret: [UInt8](repeating: 1, count: 32), hubKeysPin: [UInt8](repeating: 2, count: 32))
        await #expect(throws: SiteIdentity.Failure.insecureHub(url: "http://hub.example.org/")) {
            try await SiteIdentity.enrol(
                nodeDirectory: node.url, hubURL: URL(string: "http://hub.example.org/")!, token: token, site: Self.oldham, now: Self.now)
        }
    }
}
