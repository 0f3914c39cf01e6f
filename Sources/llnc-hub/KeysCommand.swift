import ArgumentParser
import Foundation
import LLNCHubCore
import LLNCHubDirectory
import LLNCHubPostgres
import LLNCHubSQLite
import LLNCHubServer

/// Options every hub command shares: where the hub keeps its keys and store.
struct HubDirectoryOptions: ParsableArguments {
    @Option(name: .customLong("hub-dir"), help: "The hub's directory (keys, store). Default: $LLNC_HUB_DIR or ./llnc-hub-data.")
    var hubDirectory: String?

    var url: URL {
        URL(fileURLWithPath: hubDirectory ?? ProcessInfo.processInfo.environment["LLNC_HUB_DIR"] ?? "llnc-hub-data")
    }
}

/// Which store a command that opens it uses; see `HubStoreChoice` for the order of precedence.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("store"),
        help: ArgumentHelp(
            "`sqlite` or a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE (password from PGPASSWORD). Default: $LLNC_HUB_STORE, else the first line of <hub dir>/store, else sqlite (<hub dir>/hub.sqlite).",
            valueName: "store"))
    var store: String?
}

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make or show the hub's sealing and signing keys.",
        subcommands: [Init.self, Show.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make the hub's key pairs (refuses to overwrite existing keys).")
        @OptionGroup var hub: HubDirectoryOptions

        func run() throws {
            let identity = try HubIdentity.create(in: hub.url)
            print("made hub keys in \(hub.url.path)/keys (back them up: losing them means re-enrolling every site)")
            print(identity.summary)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the hub's key ids and key set pin (public information).")
        @OptionGroup var hub: HubDirectoryOptions

        func run() throws {
            print(try HubIdentity.load(from: hub.url).summary)
        }
    }
}
