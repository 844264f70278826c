import ConnCore
import Foundation
import Testing
import TestSupport

/// The health prober against real TLS redis-server processes: facts read from the server,
/// outages and recovery, its thread, and degraded states the server really reaches.
@Suite("Health prober against a real redis-server") struct HealthProberTests {
    let certificates: TestCertificates
    init() throws { certificates = try TestCertificates.shared() }

    /// A loaded test machine can take longer than 100 ms for a PING; these tests are about
    /// what the server says, so a slow round trip must not add a reason.
    private let thresholds = HealthThresholds(slowPingSeconds: 5)

    private func prober(_ server: RedisServer, interval: Double = 1, events: EventLog? = nil) throws -> HealthProber {
        HealthProber(factory: try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)),
                     interval: interval, thresholds: thresholds, events: events)
    }

    private func admin(_ server: RedisServer) throws -> RedisConnection {
        try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)).connect()
    }

    @Test func aHealthyServerIsOkWithItsRealFacts() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let version = try ProcessRunner.run("redis-server", ["--version"]).stdout   // "Redis server v=7.0.15 sha=..."
        let before = WallClock.now()
        let sample = try prober(server).probeOnce()

        #expect(sample.status == .ok, "\(sample.status.summary)")
        #expect(sample.error == nil)
        #expect(sample.time >= before - 1 && sample.time <= WallClock.now() + 1)
        let ping = try #require(sample.pingSeconds)
        #expect(ping > 0 && ping < 5)
        let info = try #require(sample.info)
        let reported = try #require(info.version)
        #expect(version.contains("v=\(reported) "), "INFO says \(reported), redis-server --version says \(version)")
        #expect(info.role == "master")
        #expect(try #require(info.uptimeSeconds) < 60)   // started a moment ago
        #expect(info.connectedClients == 1)               // the prober's own connection
        #expect(info.totalKeys == 0)
        #expect(info.maxMemory == 0)
    }

    @Test func aStoppedServerIsDownAndTheProberReconnectsAfterARestart() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let events = EventLog()
        let prober = try prober(server, events: events)
        #expect(prober.probeOnce().status == .ok)
        #expect(events.events().isEmpty)

        server.stop()
        let down = prober.probeOnce()
        guard case .down(let reason) = down.status else {
            Issue.record("expected down, got \(down.status.summary)")
            return
        }
        #expect(reason.contains("refused"), "\(reason)")
        #expect(down.pingSeconds == nil)
        #expect(down.info == nil)
        #expect(down.error == reason)
        let outage = events.events().filter { $0.kind == .health }.map(\.message)
        #expect(outage.count == 1)
        #expect(outage.first?.hasPrefix("health: ok -> down: ") == true, "\(outage)")
        #expect(outage.first?.contains("refused") == true)

        try server.restart()
        let back = prober.probeOnce()
        #expect(back.status == .ok, "\(back.status.summary)")
        #expect(try #require(back.info?.uptimeSeconds) < 60)
        #expect(events.events().last?.message == "health: down -> ok")
        #expect(prober.history().map(\.status.label) == ["ok", "down", "ok"])
        #expect(prober.latest == back)
    }

    /// A started prober on a fresh server, once it holds `samples` samples; stopped afterwards.
    private func whileRunning(interval: Double, samples: Int, _ body: (HealthProber) throws -> Void) throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let prober = try prober(server, interval: interval)
        defer { prober.stop() }
        prober.start()
        prober.start()   // already running: no second thread
        #expect(eventually { prober.history().count >= samples })
        try body(prober)
    }

    @Test func aStartedProberCollectsSamplesUntilStopped() throws {
        try whileRunning(interval: 0.1, samples: 4) { prober in
            prober.stop()
            let samples = prober.history()
            #expect(samples.allSatisfy { $0.status == .ok })
            // One thread at the interval: never two samples closer than the interval allows.
            let gaps = zip(samples.dropFirst(), samples).map { $0.time - $1.time }
            #expect(gaps.allSatisfy { $0 >= 0.09 }, "\(gaps)")

            usleep(300_000)
            #expect(prober.history().count == samples.count, "probed after stop()")
            prober.stop()   // twice is fine
        }
    }

    @Test func stopWakesASleepingProber() throws {
        try whileRunning(interval: 30, samples: 1) { prober in
            // Asleep for 30 s now; a stop that waited the interval out would take that long.
            let started = ContinuousClock.now
            prober.stop()
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(prober.history().count == 1)
        }
    }

    @Test func droppingARunningProberEndsItsThreadAndConnection() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let admin = try admin(server)
        weak var dropped: HealthProber?
        do {
            let prober = try prober(server, interval: 0.05)
            dropped = prober
            prober.start()
            eventually { !prober.history().isEmpty }
            #expect(try clientCount(admin) == 2)
        }
        #expect(dropped == nil, "the thread kept the prober alive")
        // deinit joined the thread, so the prober's connection is closed: the server sees it go.
        #expect(try eventually { try clientCount(admin) == 1 })
    }

    /// A server whose first probe was ok, an admin connection to change it, and the prober.
    private func afterAHealthyProbe(extraConfig: [String] = [],
                                    _ body: (RedisServer, RedisConnection, HealthProber) throws -> Void) throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), extraConfig: extraConfig))
        defer { server.stop() }
        let prober = try prober(server)
        #expect(prober.probeOnce().status == .ok)
        try body(server, try admin(server), prober)
    }

    @Test func rejectedConnectionsSinceTheLastProbeAreDegraded() throws {
        try afterAHealthyProbe { server, admin, prober in
            // The admin and the prober fill both places; the server turns the next two away.
            #expect(try admin.request(["CONFIG", "SET", "maxclients", "2"]) == .simple("OK"))
            let factory = try ConnectionFactory(settings: tlsSettings(server, certificates: certificates))
            for _ in 0..<2 {
                #expect(throws: ConsoleError.self) { _ = try factory.connect() }
            }
            let sample = prober.probeOnce()
            #expect(reasons(sample) == ["2 client connections were rejected since the last check (maxclients reached?)"])
            #expect(sample.info?.rejectedConnections == 2)
            // Growth is what counts: with nothing new turned away the server is ok again.
            #expect(prober.probeOnce().status == .ok)
        }
    }

    @Test func evictionsAndFullMemoryAreDegraded() throws {
        try afterAHealthyProbe { _, admin, prober in
            #expect(try admin.request(["CONFIG", "SET", "maxmemory-policy", "allkeys-random"]) == .simple("OK"))
            #expect(try admin.request(["CONFIG", "SET", "maxmemory", "3mb"]) == .simple("OK"))
            let value = [UInt8](repeating: 120, count: 10_000)
            let writes = (0..<600).map { [Array("SET".utf8), Array("key:\($0)".utf8), value] }
            #expect(try admin.pipeline(writes).allSatisfy { $0 == .simple("OK") })

            let sample = prober.probeOnce()
            let found = reasons(sample)
            let evicted = try #require(sample.info?.evictedKeys)
            #expect(evicted > 0)
            #expect(found.contains("\(evicted) keys were evicted since the last check: memory is full"), "\(found)")
            #expect(found.contains { $0.hasPrefix("memory use is ") && $0.hasSuffix(" of 3.0 MiB)") }, "\(found)")
        }
    }

    @Test func aFailedSnapshotIsAPersistenceError() throws {
        // `dir` is a protected config in Redis 7: it may only be changed when this is on.
        try afterAHealthyProbe(extraConfig: ["enable-protected-configs yes"]) { _, admin, prober in
            // A snapshot directory that vanished: the BGSAVE child cannot create its file.
            let vanished = FileManager.default.temporaryDirectory
                .appendingPathComponent("health-rdb-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: vanished, withIntermediateDirectories: true)
            #expect(try admin.request(["CONFIG", "SET", "dir", vanished]) == .simple("OK"))
            try FileManager.default.removeItem(atPath: vanished)
            #expect(try admin.request(["BGSAVE"]) == .simple("Background saving started"))

            var sample = prober.probeOnce()
            eventually {
                sample = prober.probeOnce()
                return sample.status != .ok
            }
            #expect(reasons(sample) == ["persistence error: the last RDB snapshot (BGSAVE) failed"])
            #expect(sample.info?.rdbLastBackgroundSaveStatus == "err")
        }
    }
}

/// The reasons of a degraded sample; records an issue for any other status.
private func reasons(_ sample: HealthSample, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    guard case .degraded(let reasons) = sample.status else {
        Issue.record("expected degraded, got \(sample.status.summary)", sourceLocation: sourceLocation)
        return []
    }
    return reasons
}

/// Polls `condition` every 10 ms for up to 10 s; true once it holds.
@discardableResult
private func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + .seconds(10)
    while try !condition() {
        if ContinuousClock.now >= deadline { return false }
        usleep(10_000)
    }
    return true
}

/// How many clients the server has, from CLIENT LIST (one line each).
private func clientCount(_ connection: RedisConnection) throws -> Int {
    let list = try connection.request(["CLIENT", "LIST"]).text ?? ""
    return list.split(whereSeparator: \.isNewline).count
}
