// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "baton-segment",
    platforms: [.macOS(.v15)],
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
        // Service mode: gRPC to ConductorOne, its token, signals, and the test CA.
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.0"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
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
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
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
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
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

        // Generated c1.connectorapi.baton.v1 messages and BatonService stubs (ConductorOne's side).
        .target(
            name: "BatonServiceProto",
            dependencies: [
                "BatonProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
            ]
        ),

        // Service mode: connected to ConductorOne (token, gRPC channel, task loop, uploads, health).
        // Knows nothing of Segment: it drives any BatonKit `Connector`.
        .target(
            name: "BatonServiceMode",
            dependencies: [
                "BatonKit", "BatonStore", "BatonProto", "BatonServiceProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // A stand-in for ConductorOne, for tests and `make demo-service`: the token endpoint and
        // BatonService over TLS with a CA made on the spot, a scripted task queue, a call record.
        .target(
            name: "FakeConductorOne",
            dependencies: [
                "BatonProto", "BatonServiceProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The mapping from Segment to Baton.
        .target(
            name: "SegmentConnector",
            dependencies: [
                "SegmentAPI", "BatonKit", "BatonProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(
            name: "baton-segment",
            dependencies: [
                "SegmentConnector", "BatonKit", "BatonStore", "SegmentAPI", "BatonServiceMode",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "segment-simulator",
            dependencies: [
                // SegmentAPI only for `demo-changes` (make demo's writes through the public API);
                // the SegmentSimulator library itself never imports the client.
                "SegmentSimulator", "SegmentAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "service-demo",
            dependencies: [
                "FakeConductorOne", "SegmentSimulator", "BatonStore", "BatonProto", "BatonServiceProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "segment-bench",
            dependencies: [
                "SegmentSimulator", "SegmentConnector", "BatonKit", "BatonStore", "SegmentAPI", "FakeConductorOne",
                "BatonServiceProto",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(
            name: "BatonSegmentTests",
            dependencies: [
                "baton-segment", "BatonKit", "SegmentConnector",
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

        .testTarget(
            name: "SegmentAPITests",
            dependencies: [
                "TestSupport", "SegmentAPI", "SegmentSimulator", "HostileSegment", "Redaction",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SegmentSimulatorTests",
            dependencies: [
                "SegmentSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "BatonStoreTests",
            dependencies: ["BatonStore", "BatonProto", "CZstd", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "BatonServiceModeTests",
            dependencies: [
                "TestSupport", "BatonServiceMode", "FakeConductorOne", "BatonServiceProto", "BatonKit", "BatonStore",
                "BatonProto", "SegmentConnector", "SegmentSimulator", "SegmentAPI",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers shared by the test targets (barriers instead of counting scheduler yields).
        .target(name: "TestSupport", dependencies: [.product(name: "Logging", package: "swift-log")], path: "Tests/TestSupport"),
        .testTarget(
            name: "BatonKitTests",
            dependencies: [
                "TestSupport", "BatonKit", "BatonStore", "BatonProto",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SegmentConnectorTests",
            dependencies: [
                "TestSupport", "SegmentConnector", "SegmentSimulator", "SegmentAPI", "BatonKit", "BatonStore", "BatonProto",
                "HostileSegment",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
