import ArgumentParser
import Foundation
import LLNCNode
import LLNCProtocol

/// `llnc-node init`: makes the site's signing key, enrols with the hub using the operator's
/// one-time token, and pins the hub's keys.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Enrol this node with the hub using a one-time token from the hub operator.")

    @OptionGroup var node: NodeOptions
    @Option(help: "The hub's base URL, e.g. https://hub.example.org/") var hub: String
    @Option(help: "The enrolment token (llnc-enrol-v1:...) the hub operator gave you.") var token: String
    @Option(help: "This site's current ONS code, e.g. E08000004 for Oldham.") var onsCode: String

    func run() async throws {
        guard let hubURL = URL(string: hub), hubURL.scheme == "https" || hubURL.scheme == "http" else {
            throw ValidationError("--hub must be an http(s) URL, e.g. https://hub.example.org/")
        }
        let token = try EnrolmentToken(parsing: token)
        let site = try SiteID(laNumber: token.laNumber, onsCode: onsCode)
        let directory = node.directory.url
        let identity = try await SiteIdentity.enrol(
            nodeDirectory: directory, hubURL: hubURL, token: token, site: site, now: Int64(Date().timeIntervalSince1970))
        print("enrolled site \(identity.site) with the hub at \(hubURL.absoluteString)")
        print("site signing key id \(identity.signingKey.keyID); hub keys pinned (\(Hex.encode(identity.hubKeys.pin)))")
    }
}
