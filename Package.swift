// swift-tools-version: 6.1
// LLNC federation: one package, every module. Dependency direction, left to right:
// CSodium / CGLPK  <-  LLNCProtocol / LLNCDisclosure  <-  LLNCNode / LLNCHub*  <-  executables,
// where the hub is LLNCHubCore <- LLNCHubSQLite / LLNCHubPostgres / LLNCHubServer <- LLNCHubDirectory.
// Node and hub never depend on each other: they meet in LLNCProtocol and on the wire.
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "llnc",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "llnc-node", targets: ["llnc-node"]),
        .executable(name: "llnc-hub", targets: ["llnc-hub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The node's HTTP client: NIO waits in epoll where URLSession over libcurl spun a core.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSodium", pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),

        .target(name: "LLNCProtocol", dependencies: ["CSodium"], swiftSettings: strict),
        .target(name: "LLNCDisclosure", dependencies: ["CGLPK"], swiftSettings: strict),
        // The shared indicator catalogue: node and hub both read it; the protocol stays libsodium-only.
        .target(
            name: "LLNCCatalogue", dependencies: ["LLNCProtocol", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        // Comparisons and the release ledger re-check: pure arithmetic over cells, no I/O.
        .target(name: "LLNCComparison", dependencies: ["LLNCProtocol", "LLNCCatalogue", "LLNCDisclosure"], swiftSettings: strict),
        .target(
            name: "LLNCNode",
            dependencies: [
                "LLNCProtocol", "LLNCDisclosure", "LLNCCatalogue",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict),
        // The hub, in layers that import only downwards: the core (ingest, register,
        // releases, exports, the store protocols) knows no database and no HTTP; each store
        // is a target of its own; the server (API, pages, operations) knows no store
        // implementation; `LLNCHubDirectory` opens the one store a hub directory names, and
        // the `llnc-hub` command is where the layers meet.
        .target(
            name: "LLNCHubCore",
            dependencies: [
                "LLNCProtocol", "LLNCCatalogue", "LLNCComparison",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "LLNCHubSQLite",
            dependencies: [
                "LLNCHubCore", "LLNCProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(
            name: "LLNCHubPostgres",
            dependencies: [
                "LLNCHubCore", "LLNCProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .target(
            name: "LLNCHubServer",
            dependencies: [
                "LLNCHubCore", "LLNCProtocol", "LLNCComparison",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strict),
        .target(
            name: "LLNCHubDirectory",
            dependencies: [
                "LLNCHubCore", "LLNCHubSQLite", "LLNCHubPostgres", "LLNCProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),

        .executableTarget(
            name: "llnc-node",
            dependencies: [
                "LLNCNode", "LLNCCatalogue", "LLNCProtocol", "LLNCDisclosure",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "llnc-hub",
            dependencies: [
                "LLNCHubCore", "LLNCHubSQLite", "LLNCHubPostgres", "LLNCHubServer", "LLNCHubDirectory", "LLNCCatalogue",
                "LLNCProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "llnc-bench",
            dependencies: [
                "CSodium", "LLNCProtocol", "LLNCDisclosure", "LLNCCatalogue", "LLNCNode", "LLNCHubCore", "LLNCHubSQLite", "LLNCHubPostgres",
                "LLNCHubServer", "LLNCHubDirectory",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // Shared by the test targets: real processes of the built executables, temp folders.
        .target(name: "LLNCTestSupport", dependencies: ["LLNCCatalogue"], path: "Tests/LLNCTestSupport", swiftSettings: strict),
        // Node and hub over the wire: real `llnc-hub` processes on 127.0.0.1, the node's code
        // in-process. Imports no hub module: they meet only in the protocol.
        .testTarget(
            name: "LLNCSyncTests",
            dependencies: [
                "LLNCNode", "LLNCProtocol", "LLNCTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "LLNCProtocolTests", dependencies: ["LLNCProtocol", "LLNCTestSupport"], swiftSettings: strict),
        .testTarget(name: "LLNCCatalogueTests", dependencies: ["LLNCCatalogue"], swiftSettings: strict),
        .testTarget(
            name: "LLNCNodeTests",
            dependencies: ["LLNCNode", "LLNCCatalogue", "LLNCDisclosure", "LLNCProtocol", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "LLNCHubTests",
            dependencies: [
                "LLNCHubCore", "LLNCHubSQLite", "LLNCHubPostgres", "LLNCHubServer", "LLNCHubDirectory", "LLNCComparison", "LLNCCatalogue",
                "LLNCProtocol", "LLNCTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "LLNCComparisonTests", dependencies: ["LLNCComparison", "LLNCCatalogue", "LLNCDisclosure", "LLNCProtocol"],
            swiftSettings: strict),
        .testTarget(name: "LLNCDisclosureTests", dependencies: ["LLNCDisclosure", "LLNCTestSupport"], swiftSettings: strict),
    ]
)
