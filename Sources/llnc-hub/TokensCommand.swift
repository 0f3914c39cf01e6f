import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer
import LLNCProtocol

/// `llnc-hub tokens`: bearer tokens for the query API. A token is printed once; the hub
/// keeps only its hash.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Create, list and revoke bearer tokens for the query API.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a token (printed once; the hub keeps only its hash).",
            discussion: "operator: sites, catalogue, submissions, releases, and every published figure. analyst: every published figure.")
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions
        @Option(help: "operator or analyst.") var role: Role
        @Option(help: "Who or what holds the token, for listings and the query log (e.g. a person or team).") var name: String

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100 else {
                throw ValidationError("--name must be 1 to 100 characters")
            }
        }

        func run() async throws {
            let (role, name) = (self.role, self.name)
            let (token, record) = try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) {
                try await TokenIssuer(store: $0.store).create(role: role, name: name)
            }
            print(token)
            FileHandle.standardError.write(
                Data(
                    "token \(record.id) (\(record.role.rawValue), \(record.name)): shown once, store it now; send it as `Authorization: Bearer TOKEN`\n"
                        .utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: id, role, name, created, revoked (never the secret).")
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let tokens = try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) {
                try await $0.store.accessTokens()
            }
            guard !tokens.isEmpty else { return print("no tokens; `llnc-hub tokens create --role analyst --name NAME` makes one") }
            for token in tokens {
                let state = token.revokedAt.map { "revoked \(Timestamp.format($0))" } ?? "active"
                print(
                    "\(token.id)  \(token.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  created \(Timestamp.format(token.createdAt))  \(state)  \(token.name)"
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token: from now it is refused (token-revoked).")
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions
        @Argument(help: "The token's id (the part after `llnc-api-v1.`; `tokens list` shows it).") var id: String

        func run() async throws {
            let id = self.id
            let revoked = try await HubDirectory.withOpened(hub.url, storeFlag: store.store, logger: commandLogger) {
                try await $0.store.revokeAccessToken(id: id, at: Int64(Date().timeIntervalSince1970))
            }
            guard revoked else {
                throw ValidationError("no active token \(id); `llnc-hub tokens list` shows the tokens")
            }
            print("token \(id) revoked")
        }
    }
}

extension Role: ExpressibleByArgument {}
