// swift-tools-version:6.2
import PackageDescription

/// Every target compiles in Swift 6 language mode with strict concurrency (the 6.x default).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let providers = ["EdesyAgents", "EdesyMasking", "Voiso", "Exotel", "Ringyo"]

let package = Package(
    name: "telesim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "telesim", targets: ["telesim"]),
        .library(name: "TelesimApp", targets: ["TelesimApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
    ],
    targets: [
        // The domain: world, calls, clock and scheduler, network, money. Foundation + Logging only.
        .target(
            name: "TelesimCore",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // The scenario format: model, YAML loading with line:column, validation. Yams lives here only.
        .target(
            name: "TelesimScenario",
            dependencies: ["TelesimCore", "Yams"],
            swiftSettings: swiftSettings
        ),
        // Persistence. GRDB lives here only.
        .target(
            name: "TelesimStore",
            dependencies: ["TelesimCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Webhook delivery. AsyncHTTPClient and swift-crypto live here only.
        .target(
            name: "TelesimWebhooks",
            dependencies: [
                "TelesimCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // What every provider adapter shares.
        .target(
            name: "ProviderKit",
            dependencies: [
                "TelesimCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ] + providers.map { name in
        .target(name: name, dependencies: ["ProviderKit", "TelesimCore"], exclude: ["README.md"], swiftSettings: swiftSettings)
    } + [
        // The /_telesim admin API.
        .target(
            name: "TelesimAdmin",
            dependencies: ["TelesimCore", "TelesimScenario", "ProviderKit", .product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        // The composition root: the only target that knows every other one.
        .target(
            name: "TelesimApp",
            dependencies: [
                "TelesimCore", "TelesimScenario", "TelesimStore", "TelesimWebhooks", "ProviderKit", "TelesimAdmin",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ] + providers.map { .byName(name: $0) },
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "telesim",
            dependencies: ["TelesimApp", "TelesimWebhooks", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // Shared helpers for the test targets: build the app, send requests, read JSON.
        .target(
            name: "TelesimTestSupport",
            dependencies: ["TelesimApp", .product(name: "HummingbirdTesting", package: "hummingbird")],
            path: "Tests/TelesimTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TelesimCoreTests", dependencies: ["TelesimCore"], swiftSettings: swiftSettings),
        .testTarget(name: "TelesimScenarioTests", dependencies: ["TelesimScenario"], swiftSettings: swiftSettings),
        .testTarget(name: "ProviderKitTests", dependencies: ["ProviderKit", "TelesimCore", .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),
        .testTarget(name: "TelesimStoreTests", dependencies: ["TelesimStore"], swiftSettings: swiftSettings),
        .testTarget(name: "TelesimWebhooksTests", dependencies: ["TelesimWebhooks", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird")], swiftSettings: swiftSettings),
        .testTarget(
            name: "TelesimAppTests",
            dependencies: ["TelesimApp", "TelesimTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
    ] + providers.map { name in
        .testTarget(
            name: "\(name)Tests",
            dependencies: [.byName(name: name), "TelesimTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: swiftSettings
        )
    }
)
