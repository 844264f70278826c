import ConnCore
import Glibc
import Testing
import TestSupport

/// The pool driver's upkeep and waits against a real TLS redis-server.
@Suite("Pool driver") struct ConnectionPoolDriverTests {
    static func pool(_ settings: ConnectionSettings, configure: (inout PoolSettings) -> Void) throws -> ConnectionPool {
        var poolSettings = PoolSettings()
        configure(&poolSettings)
        return ConnectionPool(factory: try ConnectionFactory(settings: settings), settings: poolSettings, events: EventLog())
    }

    @Test func idleConnectionsThatFailTheirHealthCheckAreClosed() throws {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), enableDebugCommand: true))
        defer { server.stop() }
        var settings = tlsSettings(server, certificates: certificates)
        settings.operationTimeout = 0.3
        let pool = try Self.pool(settings) { $0.healthInterval = 0.01 }
        defer { pool.shutdown() }
        let leases = try (0..<3).map { _ in try pool.acquire() }
        leases.forEach { pool.release($0, .reuse) }
        usleep(20_000)
        pool.maintain()  // all answer PING
        #expect(pool.stats().idle == 3 && pool.stats().closed == 0)

        var slowSettings = settings
        slowSettings.operationTimeout = 5
        let slow = slowSettings
        let stall = BackgroundThread {
            _ = try? ConnectionFactory(settings: slow).connect().request(["DEBUG", "SLEEP", "1.2"])
        }
        usleep(200_000)
        pool.maintain()  // PINGs time out while the server sleeps
        stall.join()
        let stats = pool.stats()
        #expect(stats.closedByReason[.healthCheck] == 3, "\(stats.closedSummary)")
        #expect(stats.open == 0)
        #expect(pool.events.events().contains { $0.message.contains("health check") })
    }

    @Test func minimumIdleConnectionsAreOpenedAheadOfDemand() throws {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let pool = try Self.pool(tlsSettings(server, certificates: certificates)) { $0.minIdle = 2 }
        defer { pool.shutdown() }
        pool.maintain()
        #expect(pool.stats().idle == 2 && pool.stats().created == 2)
        let lease = try pool.acquire()
        #expect(pool.stats().created == 2, "an idle connection was used, none opened")
        pool.release(lease, .reuse)
    }

    @Test func aCancelledWaitLeavesNothingBehind() throws {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let pool = try Self.pool(tlsSettings(server, certificates: certificates)) {
            $0.maxSize = 1
            $0.acquireTimeout = 30
        }
        defer { pool.shutdown() }
        let held = try pool.acquire()
        let token = CancellationToken()
        let outcome = Locked<String>("")
        let waiter = BackgroundThread {
            do throws(ConsoleError) {
                _ = try pool.acquire(cancellation: token)
                outcome.withLock { $0 = "got a connection" }
            } catch {
                outcome.withLock { $0 = error.message }
            }
        }
        while pool.stats().waiters == 0 { usleep(5_000) }
        token.cancel()
        waiter.join()
        #expect(outcome.value == "cancelled while waiting for a pool connection")
        pool.release(held, .reuse)
        let stats = pool.stats()
        #expect(stats.waiters == 0 && stats.cancelledWaits == 1 && stats.idle == 1 && stats.inUse == 0)
    }
}
