// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "redis-console",
    products: [
        .executable(name: "redis-console", targets: ["RedisConsole"]),
        .library(name: "ConnCore", targets: ["ConnCore"]),
        .library(name: "ConsoleUI", targets: ["ConsoleUI"]),
    ],
    dependencies: [
        // Client-side latency percentiles (HdrHistogram): constant memory, 3 significant digits.
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // System libraries: Debian's -dev packages, found through pkg-config.
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CProcessArguments"),

        .target(name: "ConnCore", dependencies: [
            "CHiredis", "COpenSSL", .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        .target(name: "ConsoleUI", dependencies: ["ConnCore", "CNcurses", "CEditLine"]),
        .executableTarget(name: "RedisConsole", dependencies: ["ConnCore", "ConsoleUI", "CProcessArguments"]),

        // `scripts/benchmark-pool.sh`: pooled commands vs a TLS connection per command. Not a test.
        .executableTarget(name: "PoolBenchmark", dependencies: ["ConnCore"], path: "Benchmarks/PoolBenchmark"),

        // Starts real redis-server processes, generates certificates, runs the binary.
        .target(name: "TestSupport", dependencies: ["ConnCore"], path: "Tests/TestSupport"),
        .testTarget(name: "ConnCoreTests", dependencies: ["ConnCore"]),
        .testTarget(name: "ConsoleUITests", dependencies: ["ConsoleUI", "ConnCore"], exclude: ["Snapshots"]),
        .testTarget(name: "IntegrationTests", dependencies: ["ConnCore", "ConsoleUI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
