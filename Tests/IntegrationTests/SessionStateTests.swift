import ConnCore
import Glibc
import Testing
import TestSupport

/// Session state against a real TLS redis-server: a transaction, a SELECT or an AUTH never
/// leaks into another session's pooled connection.
@Suite("Session state on held connections") struct SessionStateTests {
    static func words(_ text: String) -> [[UInt8]] { text.split(separator: " ").map { Array($0.utf8) } }

    @Test func unwatchInsideMultiKeepsTheTransactionToItself() throws {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let client = RedisClient(factory: try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)),
                                 learnsCommandFlags: false)
        defer { client.shutdown() }
        let alice = client.makeSession()
        let bob = client.makeSession()
        _ = try alice.execute(Self.words("MULTI"))
        _ = try alice.execute(Self.words("SET a 1"))
        #expect(try alice.execute(Self.words("UNWATCH")) == .simple("QUEUED"))
        // Bob must get a connection that is not inside Alice's MULTI.
        #expect(try bob.execute(Self.words("SET b 2")) == .simple("OK"))
        #expect(try alice.execute(Self.words("EXEC")) == .array([.simple("OK"), .simple("OK")]))
        #expect(try bob.execute(Self.words("GET a")) == .bulk("1"))
    }

    @Test func aSelectQueuedInADiscardedTransactionChangesNothing() throws {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        var pool = PoolSettings()
        pool.maxSize = 1  // every session shares the one connection
        let client = RedisClient(factory: try ConnectionFactory(settings: tlsSettings(server, certificates: certificates)),
                                 pool: pool, learnsCommandFlags: false)
        defer { client.shutdown() }
        let session = client.makeSession()
        _ = try session.execute(Self.words("SET where db0"))
        _ = try session.execute(Self.words("MULTI"))
        _ = try session.execute(Self.words("SELECT 3"))
        _ = try session.execute(Self.words("DISCARD"))
        #expect(session.database == 0)
        #expect(try session.execute(Self.words("GET where")) == .bulk("db0"))
        _ = try session.execute(Self.words("MULTI"))
        _ = try session.execute(Self.words("SELECT 3"))
        _ = try session.execute(Self.words("EXEC"))
        #expect(session.database == 3)
        #expect(try session.execute(Self.words("GET where")) == .null)
        #expect(try client.makeSession().execute(Self.words("GET where")) == .bulk("db0"), "another session stays on db 0")
    }

    @Test func losingTheAuthenticatedConnectionStopsCommandsUntilAuthAgain() throws {
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates),
                                           users: [.init("reader", password: "reader-pw", rules: "~* &* +@read +auth +client")]))
        defer { server.stop() }
        let settings = tlsSettings(server, certificates: certificates)
        let client = RedisClient(factory: try ConnectionFactory(settings: settings), learnsCommandFlags: false)
        defer { client.shutdown() }
        let session = client.makeSession()
        _ = try session.execute(Self.words("AUTH reader reader-pw"))
        #expect(try session.execute(Self.words("SET k v")).isError, "the reader may not write")
        // Kill the held connection from outside.
        let admin = try ConnectionFactory(settings: settings).connect()
        defer { admin.close() }
        _ = try admin.request(["CLIENT", "KILL", "USER", "reader"])
        usleep(50_000)
        _ = consoleError { _ = try session.execute(Self.words("GET k")) }
        // Now commands must not silently run as the default user (who may write).
        let refused = consoleError { _ = try session.execute(Self.words("SET k v")) }
        #expect(refused?.message.contains("AUTH, HELLO or CLIENT TRACKING state was lost") == true, "\(String(describing: refused))")
        #expect(try admin.request(["EXISTS", "k"]) == .integer(0))
        _ = try session.execute(Self.words("AUTH reader reader-pw"))
        #expect(try session.execute(Self.words("GET k")) == .null)
    }
}
