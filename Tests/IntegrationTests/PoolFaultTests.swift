import ConnCore
import Glibc
import Synchronization
import Testing
import TestSupport

/// The pool and retries against a real TLS redis-server that is slowed, restarted, told to
/// kill its clients, blocked, and kept busy by a script.
@Suite("Pool faults against a real TLS Redis", .serialized) struct PoolFaultTests {
    static func client(_ settings: ConnectionSettings, size: Int = 50, poolTimeout: Double = 5,
                       retries: Int = 3, base: Double = 0.05, cap: Double = 0.5) throws -> RedisClient {
        var pool = PoolSettings()
        pool.maxSize = size
        pool.acquireTimeout = poolTimeout
        var retry = RetrySettings()
        retry.retries = retries
        retry.backoff = Backoff(base: base, cap: cap)
        return RedisClient(factory: try ConnectionFactory(settings: settings), pool: pool, retry: retry,
                           randomSeed: 7, learnsCommandFlags: false)
    }

    static func run(_ session: ClientSession, _ words: String...) throws -> RESPValue {
        try session.execute(words.map { Array($0.utf8) })
    }

    static func tlsServer(debug: Bool = false) throws -> (RedisServer, TestCertificates) {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), enableDebugCommand: debug))
        return (server, certificates)
    }

    /// A Lua script that never ends, on its own connection: after 50 ms the server answers BUSY
    /// to everyone else. Returns an admin connection (for SCRIPT KILL) and the script's thread.
    static func makeBusy(_ settings: ConnectionSettings) throws -> (RedisConnection, BackgroundThread) {
        let admin = try ConnectionFactory(settings: settings).connect()
        _ = try admin.request(["CONFIG", "SET", "busy-reply-threshold", "50"])
        let script = BackgroundThread {
            let scripter = try? ConnectionFactory(settings: settings).connect()
            _ = try? scripter?.request(["EVAL", "while true do end", "0"], timeout: .seconds(10))
            scripter?.close()
        }
        usleep(200_000)
        return (admin, script)
    }

    @Test func incrThroughATimeoutIsOutcomeUnknownAndAppliedOnce() throws {
        let (server, certificates) = try Self.tlsServer(debug: true)
        defer { server.stop() }
        var settings = tlsSettings(server, certificates: certificates)
        settings.operationTimeout = 0.5
        let client = try Self.client(settings)
        defer { client.shutdown() }
        let session = client.makeSession()
        _ = try Self.run(session, "SET", "counter", "0")

        // Another client stalls the server for longer than our operation timeout.
        var slowSettings = settings
        slowSettings.operationTimeout = 10
        let slow = slowSettings
        let done = BackgroundThread {
            let sleeper = try? ConnectionFactory(settings: slow).connect()
            _ = try? sleeper?.request(["DEBUG", "SLEEP", "1.5"])
            sleeper?.close()
        }
        usleep(300_000)
        let error = consoleError { _ = try Self.run(session, "INCR", "counter") }
        done.join()

        #expect(error?.message.hasPrefix("outcome unknown: the command may have run on the server") == true,
                "\(String(describing: error))")
        #expect(!client.events.events().contains { $0.kind == .retry }, "a write must not be retried")
        // Applied exactly once, and the next command on the pool gets its own reply.
        #expect(try Self.run(session, "GET", "counter") == .bulk("1"))
        #expect(try Self.run(session, "ECHO", "mine") == .bulk("mine"))
        #expect(client.pool.stats().closedByReason[.error] == 1)
    }

    @Test func aServerRestartWithFiftyPooledConnectionsIsInvisible() throws {
        let (server, certificates) = try Self.tlsServer()
        defer { server.stop() }
        let client = try Self.client(tlsSettings(server, certificates: certificates))
        defer { client.shutdown() }
        let leases = try (0..<50).map { _ in try client.pool.acquire() }
        leases.forEach { client.pool.release($0, .reuse) }
        #expect(client.pool.stats().idle == 50)

        try server.restart()
        // 50 sessions at once: each succeeds, none sees the dead connections.
        let failures = Locked(0)
        let threads = (0..<50).map { index in
            BackgroundThread {
                let session = client.makeSession()
                let reply = try? Self.run(session, "ECHO", "after-restart-\(index)")
                if reply != .bulk("after-restart-\(index)") { failures.withLock { $0 += 1 } }
            }
        }
        threads.forEach { $0.join() }
        #expect(failures.withLock { $0 } == 0)
        let stats = client.pool.stats()
        #expect(stats.closedByReason[.stale] == 50, "\(stats.closedSummary)")
        #expect(stats.inUse == 0)
    }

    @Test func commandsDuringAnOutageSucceedOnceTheServerIsBack() throws {
        let (server, certificates) = try Self.tlsServer()
        defer { server.stop() }
        let client = try Self.client(tlsSettings(server, certificates: certificates), retries: 6, base: 0.1, cap: 1)
        defer { client.shutdown() }
        let session = client.makeSession()
        _ = try Self.run(session, "SET", "k", "v")
        server.stop()
        let restarter = BackgroundThread { usleep(400_000); try? server.restart() }
        // Refused while down: never sent, so even a write is retried until the server is back.
        #expect(try Self.run(session, "SET", "k", "v2") == .simple("OK"))
        restarter.join()
        #expect(try Self.run(session, "GET", "k") == .bulk("v2"))
        let retries = client.events.events().filter { $0.kind == .retry }
        #expect(!retries.isEmpty && retries.count <= 6)
        #expect(client.events.events().last { $0.kind == .outcome }?.message == "SET succeeded on attempt \(retries.count + 1) of 7")
        #expect(client.pool.stats().openFailures >= 1)
    }

    @Test func clientKillReplacesPooledConnections() throws {
        let (server, certificates) = try Self.tlsServer()
        defer { server.stop() }
        let settings = tlsSettings(server, certificates: certificates)
        let client = try Self.client(settings)
        defer { client.shutdown() }
        let leases = try (0..<10).map { _ in try client.pool.acquire() }
        leases.forEach { client.pool.release($0, .reuse) }

        let admin = try ConnectionFactory(settings: settings).connect()
        defer { admin.close() }
        #expect(try admin.request(["CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"]) == .integer(10))
        usleep(100_000)
        let session = client.makeSession()
        #expect(try Self.run(session, "PING") == .simple("PONG"))
        #expect(client.pool.stats().closedByReason[.stale] == 10)
        #expect(client.pool.stats().open == 1)
    }

    @Test func fiftyBlockingCommandsExhaustThePoolUntilTheyReturn() throws {
        let (server, certificates) = try Self.tlsServer()
        defer { server.stop() }
        let settings = tlsSettings(server, certificates: certificates)
        let client = try Self.client(settings, poolTimeout: 0.5)
        defer { client.shutdown() }
        let replies = Locked<[RESPValue]>([])
        let blockers = (0..<50).map { _ in
            BackgroundThread {
                let session = client.makeSession()
                if let reply = try? Self.run(session, "BLPOP", "queue", "20") { replies.withLock { $0.append(reply) } }
            }
        }
        let deadline = Deadline.after(seconds: 10)
        while client.pool.stats().inUse < 50, !deadline.hasPassed { usleep(10_000) }
        #expect(client.pool.stats().inUse == 50)

        let error = consoleError { _ = try Self.run(client.makeSession(), "PING") }
        #expect(error?.message.contains("pool exhausted: 50/50 in use, waited 0.5 s") == true, "\(String(describing: error))")

        let admin = try ConnectionFactory(settings: settings).connect()
        defer { admin.close() }
        _ = try admin.request(["RPUSH", "queue"] + (0..<50).map { "item\($0)" })
        blockers.forEach { $0.join() }
        #expect(replies.withLock { $0.count } == 50)
        #expect(try Self.run(client.makeSession(), "PING") == .simple("PONG"))
        let stats = client.pool.stats()
        #expect(stats.exhaustedCount == 1 && stats.inUse == 0 && stats.idle == 50)
    }

    @Test func aBusyScriptIsRetriedWithBackoffThenTheCommandRunsOnce() throws {
        let (server, certificates) = try Self.tlsServer()
        defer { server.stop() }
        let settings = tlsSettings(server, certificates: certificates)
        let client = try Self.client(settings, retries: 8, base: 0.05, cap: 0.2)
        defer { client.shutdown() }
        let (admin, script) = try Self.makeBusy(settings)
        defer { admin.close() }
        let killer = BackgroundThread {
            usleep(300_000)
            _ = try? ConnectionFactory(settings: settings).connect().request(["SCRIPT", "KILL"])
        }
        // A write refused with BUSY was never run: retrying it is safe, and it runs once.
        #expect(try Self.run(client.makeSession(), "INCR", "after-busy") == .integer(1))
        killer.join()
        script.join()
        let retries = client.events.events().filter { $0.kind == .retry }
        #expect(retries.first?.message.contains("BUSY") == true, "\(retries)")
    }

    @Test func aBusyServerThatStaysBusyIsReportedWithItsOwnWords() throws {
        let (server, certificates) = try Self.tlsServer()
        defer { server.stop() }
        let settings = tlsSettings(server, certificates: certificates)
        let client = try Self.client(settings, retries: 2, base: 0.05, cap: 0.1)
        defer { client.shutdown() }
        let (admin, script) = try Self.makeBusy(settings)
        defer { admin.close() }
        let reply = try Self.run(client.makeSession(), "GET", "k")
        _ = try admin.request(["SCRIPT", "KILL"])
        script.join()
        #expect(reply.text?.hasPrefix("BUSY") == true, "\(reply)")
        #expect(client.events.events().filter { $0.kind == .retry }.count == 2)
    }
}
