import ConnCore
import Glibc
import Testing
import TestSupport

/// What a real server will not do on demand: close in the middle of a reply, or answer after
/// the client gave up. The pool must destroy such connections and the next command must get
/// its own reply.
@Suite("Pool against misbehaving servers") struct PoolMisbehavingServerTests {
    static func client(_ server: FakeRESPServer, timeout: Double = 1, retries: Int = 3) throws -> RedisClient {
        var settings = ConnectionSettings()
        settings.port = server.port
        settings.operationTimeout = timeout
        var retry = RetrySettings()
        retry.retries = retries
        retry.backoff = Backoff(base: 0.01, cap: 0.05)
        return RedisClient(factory: try ConnectionFactory(settings: settings), retry: retry, randomSeed: 1,
                           learnsCommandFlags: false)
    }

    @Test func aCloseMidReplyOfAWriteIsOutcomeUnknownAndNotResent() throws {
        let server = try FakeRESPServer.afterHandshake { _ in .replyAndClose(FakeRESPServer.truncatedBulk) }
        defer { server.stop() }
        let client = try Self.client(server)
        defer { client.shutdown() }
        let error = consoleError { _ = try client.makeSession().execute([Array("INCR".utf8), Array("n".utf8)]) }
        #expect(error?.message.hasPrefix("outcome unknown") == true, "\(String(describing: error))")
        #expect(server.commands.filter { $0.first == "INCR" }.count == 1)
        #expect(client.pool.stats().closedByReason[.error] == 1)
    }

    @Test func aCloseMidReplyOfAReadIsRetriedOnAFreshConnection() throws {
        let server = try FakeRESPServer.afterHandshake { command in
            command.first == "GET" ? .replyAndClose(FakeRESPServer.truncatedBulk) : .reply("+PONG\r\n")
        }
        defer { server.stop() }
        let client = try Self.client(server, retries: 2)
        defer { client.shutdown() }
        let error = consoleError { _ = try client.makeSession().execute([Array("GET".utf8), Array("k".utf8)]) }
        // Read-only: retried twice, then reported as not executed (it changed nothing).
        #expect(error?.message.hasPrefix("not executed") == true, "\(String(describing: error))")
        #expect(server.commands.filter { $0.first == "GET" }.count == 3)
        #expect(client.pool.stats().closedByReason[.error] == 3)
    }

    @Test func aReplyAfterTheTimeoutIsNeverReadAsTheNextCommandsReply() throws {
        let server = try FakeRESPServer.afterHandshake { command in
            switch command.first {
            case "INCR":
                usleep(600_000)  // past the client's 0.3 s timeout
                return .reply(":41\r\n")
            case "ECHO": return .reply("$\(command[1].utf8.count)\r\n\(command[1])\r\n")
            default: return .reply("+OK\r\n")
            }
        }
        defer { server.stop() }
        let client = try Self.client(server, timeout: 0.3)
        defer { client.shutdown() }
        let session = client.makeSession()
        let error = consoleError { _ = try session.execute([Array("INCR".utf8), Array("n".utf8)]) }
        #expect(error?.message.hasPrefix("outcome unknown") == true)
        usleep(400_000)  // the late ":41" has arrived on the old connection by now
        #expect(try session.execute([Array("ECHO".utf8), Array("mine".utf8)]) == .bulk("mine"))
        #expect(client.pool.stats().closedByReason[.error] == 1)
    }
}
