import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer

/// `llnc-hub store`: which store a hub directory uses, and bringing its schema up to date.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Show the hub's store or bring its schema up to date.",
        subcommands: [Show.self, Migrate.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print which store the hub uses (a PostgreSQL URL without its password) and why.")
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            print(try HubStoreChoice.resolve(flag: store.store, hubDirectory: hub.url))
        }
    }

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or migrate the store's schema (every command also does this on start if its role may).",
            discussion: """
                With deploy/postgres's roles, run this as llnc_hub_owner (e.g. --store postgres://llnc_hub_owner@HOST/llnc), \
                then deploy/postgres/grants.sql; the hub itself logs in as llnc_hub, which may not change the schema.
                """)
        @OptionGroup var hub: HubDirectoryOptions
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let choice = try HubStoreChoice.resolve(flag: store.store, hubDirectory: hub.url)
            switch choice {
            case .sqlite(let path):
                _ = try SQLiteHubStore(path: path)
                print("\(choice): schema up to date")
            case .postgres(let location):
                try await PostgresHubStore(location: location, logger: commandLogger).whileRunning { _ in }
                print("\(choice): schema up to date")
            }
        }
    }
}
