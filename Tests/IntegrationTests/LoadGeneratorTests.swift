import ConnCore
import Glibc
import Testing
import TestSupport

/// The load generator against a real TLS redis-server: its counters against the server's own
/// `INFO commandstats`, waiting for the pool, pipelining, the rate limit and stopping.
@Suite("Load generator against redis-server") struct LoadGeneratorTests {
    let certificates: TestCertificates

    init() throws {
        certificates = try TestCertificates.shared()
    }

    static func settings(_ configure: (inout LoadSettings) -> Void) -> LoadSettings {
        var settings = LoadSettings()
        settings.workers = 6
        settings.commands = LoadCommand.allCases
        settings.keys = 50
        settings.valueSize = 16
        settings.duration = 1
        configure(&settings)
        return settings
    }

    static func pool(_ size: Int) -> PoolSettings {
        var settings = PoolSettings()
        settings.maxSize = size
        return settings
    }

    /// Runs a load to its end on a fresh client and returns the final progress and pool stats.
    func run(_ server: RedisServer, pool: Int = 50, _ settings: LoadSettings) throws -> (LoadProgress, PoolStats) {
        let client = RedisClient(factory: try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)),
                                 pool: Self.pool(pool), learnsCommandFlags: false)
        defer { client.shutdown() }
        let generator = LoadGenerator(client: client, settings: settings)
        generator.start()
        generator.waitUntilFinished()
        #expect(!generator.isRunning)
        return (generator.progress(), client.pool.stats())
    }

    /// `cmdstat_get:calls=12,...` -> ["GET": 12].
    func commandCalls(_ server: RedisServer) throws -> [String: Int] {
        let connection = try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)).connect()
        defer { connection.close() }
        let info = try connection.request(["INFO", "commandstats"]).text ?? ""
        var calls: [String: Int] = [:]
        for line in info.split(whereSeparator: \.isNewline) where line.hasPrefix("cmdstat_") {
            let name = line.dropFirst("cmdstat_".count).prefix { $0 != ":" }.uppercased()
            let field = line.split(separator: ",").first { $0.contains("calls=") }
            calls[name] = field.flatMap { Int($0.split(separator: "=").last ?? "") }
        }
        return calls
    }

    func resetStats(_ server: RedisServer) throws {
        let connection = try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)).connect()
        defer { connection.close() }
        #expect(try connection.request(["CONFIG", "RESETSTAT"]) == .simple("OK"))
    }

    func expectCountersMatchTheServer(pipeline: Int) throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        try resetStats(server)
        let (progress, _) = try run(server, Self.settings { $0.pipeline = pipeline })
        let calls = try commandCalls(server)
        #expect(progress.errors.isEmpty, "\(progress.errors)")
        #expect(progress.replies > 100)
        #expect(progress.perCommand.values.reduce(0, +) == progress.replies)
        #expect(progress.latency.count == UInt64(progress.replies))
        for command in LoadCommand.allCases {
            #expect(calls[command.rawValue] == progress.perCommand[command], "\(command): server \(calls[command.rawValue] ?? 0)")
        }
    }

    @Test func countersMatchTheServersCommandStats() throws {
        try expectCountersMatchTheServer(pipeline: 1)
    }

    @Test func pipelinedCountersMatchTheServersCommandStats() throws {
        try expectCountersMatchTheServer(pipeline: 10)
    }

    @Test func moreWorkersThanConnectionsWaitAndAllFinish() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let (progress, pool) = try run(server, pool: 3, Self.settings { $0.workers = 12; $0.commands = [.get, .set] })
        #expect(pool.peakWaiters > 0, "workers waited for a connection")
        #expect(pool.peakInUse == 3 && pool.created == 3)
        #expect(pool.exhaustedCount == 0 && progress.errors.isEmpty, "\(progress.errors)")
        #expect(progress.replies > 100)
    }

    @Test func theRateCapsThroughput() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let (progress, _) = try run(server, Self.settings { $0.rate = 200; $0.workers = 4 })
        #expect(Double(progress.replies) <= 200 * 1 * 1.2 + 4, "\(progress.replies) replies")
        #expect(progress.replies >= 100, "\(progress.replies) replies")
    }

    @Test func stopEndsAnOpenEndedRunAndTheProgressIsReadableMeanwhile() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let client = RedisClient(factory: try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)),
                                 learnsCommandFlags: false)
        defer { client.shutdown() }
        let generator = LoadGenerator(client: client, settings: Self.settings { $0.duration = nil; $0.interval = 0.2 })
        generator.start()
        usleep(500_000)
        let during = generator.progress()
        #expect(during.running && during.replies > 0 && during.window.index >= 1)
        #expect(client.latency.summary(now: WallClock.now()).overall.count > 0, "the shared latency recorder moved")
        generator.stop()
        let after = generator.progress()
        #expect(!generator.isRunning && !after.running)
        usleep(200_000)
        #expect(generator.progress().replies == after.replies, "nothing runs after stop")
        #expect(client.pool.stats().inUse == 0)
    }
}
