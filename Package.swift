// swift-tools-version: 6.1
// LLNC federation: one package, every module. Dependency direction, left to right:
// CSodium / CGLPK  <-  LLNCProtocol / LLNCDisclosure  <-  LLNCNode / LLNCHub  <-  executables.
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
    ],
    targets: [
        .systemLibrary(
            name: "CSodium", pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),

        .target(name: "LLNCProtocol", dependencies: ["CSodium"], swiftSettings: strict),
        .target(name: "LLNCDisclosure", dependencies: ["CGLPK"], swiftSettings: strict),
        .target(
            name: "LLNCNode",
            dependencies: [
                "LLNCProtocol", "LLNCDisclosure",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(
            name: "LLNCHub", dependencies: ["LLNCProtocol", "LLNCDisclosure"],
            swiftSettings: strict),

        .executableTarget(
            name: "llnc-node",
            dependencies: [
                "LLNCNode", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "llnc-hub",
            dependencies: [
                "LLNCHub", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "llnc-bench",
            dependencies: [
                "LLNCProtocol", "LLNCDisclosure", "LLNCNode", "LLNCHub",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        .testTarget(
            name: "LLNCProtocolTests", dependencies: ["LLNCProtocol"], swiftSettings: strict),
        .testTarget(name: "LLNCNodeTests", dependencies: ["LLNCNode"], swiftSettings: strict),
        .testTarget(
            name: "LLNCDisclosureTests", dependencies: ["LLNCDisclosure"], swiftSettings: strict),
    ]
)
