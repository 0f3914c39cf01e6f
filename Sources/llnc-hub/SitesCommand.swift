import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer
import LLNCProtocol
import Logging

/// One-shot commands log only warnings (a PostgreSQL pool's trouble), to standard error.
let commandLogger: Logger = {
    var logger = Logger(label: "llnc-hub") { label in StreamLogHandler.standardError(label: label) }
    logger.logLevel = .warning
    return logger
}()

struct SitesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites", abstract: "Invite, list, revoke sites and rotate their keys.",
        subcommands: [Invite.self, List.self, Revoke.self, Rotate.self])

    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a one-time enrolment token for a site (give it to the site out of band).")
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions
        @Argument(help: "The site's 3-digit DfE LA number, e.g. 353.") var laNumber: String
        @Option(help: "How long the token lives, at most 90d: e.g. 7d, 12h, 30m.") var expiresIn = "7d"

        func validate() throws {
            do { _ = try InvitationLifetime.seconds(expiresIn) } catch { throw ValidationError(error.description) }
        }

        func run() async throws {
            let (laNumber, lifetime) = (self.laNumber, try InvitationLifetime.seconds(expiresIn))
            let token = try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) {
                try await $0.siteRegister.invite(laNumber: laNumber, lifetime: lifetime)
            }
            print(token)
            FileHandle.standardError.write(Data("token for site \(laNumber), expires \(Timestamp.format(token.expiresAt)); it works once\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List enrolled sites, their status and current key id.")
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let sites = try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) {
                try await $0.store.sites()
            }
            guard !sites.isEmpty else { return print("no sites enrolled; `llnc-hub sites invite LA` makes a token") }
            for site in sites {
                print(
                    "\(site.laNumber)  \(site.onsCode)  \(site.status.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  key \(site.keyID)  enrolled \(Timestamp.format(site.enrolledAt))"
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a site: its envelopes are refused (site-revoked) until it enrols again with a new token.")
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions
        @Argument(help: "The site's LA number.") var laNumber: String

        func run() async throws {
            let laNumber = self.laNumber
            try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) {
                try await $0.siteRegister.revoke(laNumber: laNumber)
            }
            print("site \(laNumber) revoked")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a site's key rotation statement (JSON file signed by its current and new keys).",
            discussion: """
                The site makes the statement with its old and new keys and sends the file to the operator. \
                After it is applied, envelopes signed by the old key are refused with unknown-signer.
                """)
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions
        @Argument(help: "The rotation statement file.") var statement: String

        func run() async throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: statement))
            let rotation = try JSONDecoder().decode(RotationStatementFile.self, from: data).statement()
            try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) {
                try await $0.siteRegister.rotate(rotation)
            }
            print("site \(rotation.site.laNumber) now signs with key \(KeyID(ed25519: rotation.newSigningKey))")
        }
    }
}
