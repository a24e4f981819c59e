// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "baton-segment",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "baton-segment", targets: ["baton-segment"]),
        .executable(name: "segment-faults", targets: ["segment-faults"]),
        .executable(name: "segment-simulator", targets: ["segment-simulator"]),
        .executable(name: "segment-bench", targets: ["segment-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        // System zstd (Debian's libzstd-dev; `make` installs it when missing).
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),

        // The spellings of a secret (raw, escaped, percent-encoded) that redaction must catch.
        .target(name: "Redaction"),

        // Typed async client of the Segment Public API. Knows nothing of Baton.
        .target(
            name: "SegmentAPI",
            dependencies: [
                "Redaction",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Stateful fake of the Segment Public API, served over HTTP by Hummingbird.
        .target(
            name: "SegmentSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // A hostile Segment stand-in for reliability tests and the fault matrix (loopback only).
        .target(
            name: "HostileSegment",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Generated c1.connector.v2 protobuf types (see scripts/generate-protos.sh).
        .target(
            name: "BatonProto",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),

        // The c1z v1 file: SQLite image + zstd frame, writer and reader.
        .target(
            name: "BatonStore",
            dependencies: [
                "BatonProto", "CZstd",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Our Baton SDK: connector protocols, sync engine, grant expansion, CLI conventions.
        .target(
            name: "BatonKit",
            dependencies: [
                "BatonProto", "BatonStore", "Redaction",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The mapping from Segment to Baton.
        .target(
            name: "SegmentConnector",
            dependencies: [
                "SegmentAPI", "BatonKit", "BatonProto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(
            name: "baton-segment",
            dependencies: [
                "SegmentConnector", "BatonKit", "BatonStore", "SegmentAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "segment-simulator",
            dependencies: [
                "SegmentSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "segment-bench",
            dependencies: [
                "SegmentSimulator", "SegmentConnector", "BatonKit", "BatonStore", "SegmentAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The fault matrix (`make faults`): baton-segment under faults, concurrency and signals.
        .executableTarget(
            name: "segment-faults",
            dependencies: [
                "SegmentSimulator", "BatonStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "SegmentAPITests", dependencies: ["SegmentAPI", "SegmentSimulator", "HostileSegment", "Redaction"]),
        .testTarget(
            name: "SegmentSimulatorTests",
            dependencies: ["SegmentSimulator", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .testTarget(
            name: "BatonStoreTests",
            dependencies: ["BatonStore", "BatonProto"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "BatonKitTests", dependencies: ["BatonKit", "BatonStore", "BatonProto"]),
        .testTarget(
            name: "SegmentConnectorTests",
            dependencies: ["SegmentConnector", "SegmentSimulator", "SegmentAPI", "BatonKit", "BatonStore", "BatonProto", "HostileSegment"]
        ),
    ]
)
