import ArgumentParser
import Foundation
import LLNCNode
import LLNCProtocol

/// `llnc-node init`: makes the site's signing key, enrols with the hub using the operator's
/// one-time token, and pins the hub's keys.
///
/// The token is a secret until it is used: whoever sends it first enrols as the site. A
/// command line is readable by every user of the machine (`/proc/PID/cmdline`, `ps`), so the
/// token is read from a file, the environment or standard input, never from an argument.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Enrol this node with the hub using a one-time token from the hub operator.",
        discussion: """
            The token is read from --token-file (a file, or - for standard input), else from \
            $\(EnrolmentTokenSource.environmentVariable), else from standard input (typed or piped). \
            It is never taken as an argument: every user of this machine can read a command line.
            """)

    @OptionGroup var node: NodeOptions
    @Option(help: "The hub's base URL, e.g. https://hub.example.org/") var hub: String
    @Option(help: ArgumentHelp("A file holding the enrolment token (llnc-enrol-v1:...), or - for standard input.", valueName: "path"))
    var tokenFile: String?
    @Option(help: .hidden) var token: String?
    @Option(help: "This site's current ONS code, e.g. E08000004 for Oldham.") var onsCode: String

    func run() async throws {
        guard token == nil else { throw ValidationError(EnrolmentTokenSource.refusedArgument) }
        guard let hubURL = URL(string: hub), hubURL.scheme == "https" || hubURL.scheme == "http" else {
            throw ValidationError("--hub must be an http(s) URL, e.g. https://hub.example.org/")
        }
        let token = try EnrolmentToken(parsing: try EnrolmentTokenSource.read(file: tokenFile))
        let site = try SiteID(laNumber: token.laNumber, onsCode: onsCode)
        let directory = node.directory.url
        let identity = try await SiteIdentity.enrol(
            nodeDirectory: directory, hubURL: hubURL, token: token, site: site, now: Int64(Date().timeIntervalSince1970))
        print("enrolled site \(identity.site) with the hub at \(hubURL.absoluteString)")
        print("site signing key id \(identity.signingKey.keyID); hub keys pinned (\(Hex.encode(identity.hubKeys.pin)))")
    }
}

/// Where `llnc-node init` reads the enrolment token from: a file, the environment or
/// standard input, in that order.
enum EnrolmentTokenSource {
    static let environmentVariable = "LLNC_ENROLMENT_TOKEN"

    static let refusedArgument = """
        --token would put the enrolment secret where every user of this machine can read it (the process list), \
        and whoever sends it first enrols as your site: ask the hub operator for a new token, then give it with \
        --token-file FILE, --token-file - (standard input) or $\(environmentVariable)
        """

    static func read(
        file: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
        standardInput: () -> String? = { readLine(strippingNewline: true) }
    ) throws -> String {
        let text: String?
        if let file, file != "-" {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read the token file \(file): check the path and that this user may read it")
            }
            text = String(decoding: data, as: UTF8.self)
        } else if file == nil, let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            text = fromEnvironment
        } else {
            if file == nil, isatty(STDIN_FILENO) == 1 {
                FileHandle.standardError.write(Data("enrolment token (from the hub operator): ".utf8))
            }
            text = standardInput()
        }
        guard let token = text?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty else {
            throw ValidationError("no enrolment token: give --token-file FILE, --token-file - (standard input) or $\(environmentVariable)")
        }
        return token
    }
}
