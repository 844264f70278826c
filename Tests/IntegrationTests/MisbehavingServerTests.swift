import ConnCore
import Foundation
import Synchronization
import Testing
import TestSupport

/// Servers that break the protocol on purpose: each failure must close the connection, be
/// explained, and never hang or crash.
@Suite("Misbehaving servers") struct MisbehavingServerTests {
    private func connect(_ server: FakeRESPServer, timeout: Double = 1) throws -> RedisConnection {
        var settings = ConnectionSettings()
        settings.port = server.port
        settings.operationTimeout = timeout
        return try ConnectionFactory(settings: settings).connect()
    }

    @Test(arguments: [FakeRESPServer.unknownType, FakeRESPServer.hugeArrayLength])
    func malformedRepliesAreProtocolErrorsThatCloseTheConnection(reply: String) throws {
        let server = try FakeRESPServer.afterHandshake { _ in .reply(reply) }
        defer { server.stop() }
        let connection = try connect(server)
        let error = consoleError { _ = try connection.request(["GET", "k"]) }
        #expect(error?.kind == .protocolError, "\(String(describing: error))")
        #expect(connection.isBroken)
        // The broken connection refuses further use instead of reading a stray reply.
        let reuse = consoleError { _ = try connection.request(["PING"]) }
        #expect(reuse?.message.contains("closed after an earlier failure") == true)
    }

    @Test func hugeBulkLengthIsRefusedWithoutWaitingForever() throws {
        let server = try FakeRESPServer.afterHandshake { _ in .reply(FakeRESPServer.hugeBulkLength) }
        defer { server.stop() }
        let connection = try connect(server)
        let error = consoleError { _ = try connection.request(["GET", "k"]) }
        #expect(error?.kind == .protocolError, "\(String(describing: error))")
        #expect(error?.message.contains("99999999999999 bytes") == true)
        #expect(connection.isBroken)
    }

    @Test func aCloseMidReplyIsAnIOErrorNotAValue() throws {
        let server = try FakeRESPServer.afterHandshake { _ in .replyAndClose(FakeRESPServer.truncatedBulk) }
        defer { server.stop() }
        let connection = try connect(server)
        let error = consoleError { _ = try connection.request(["GET", "k"]) }
        #expect(error?.kind == .io, "\(String(describing: error))")
        #expect(connection.isBroken)
    }

    @Test func aStalledReplyTimesOutAsOutcomeUnknown() throws {
        let server = try FakeRESPServer.afterHandshake { _ in .replyAndStall("$5\r\nhel") }
        defer { server.stop() }
        let connection = try connect(server, timeout: 0.3)
        let error = consoleError { _ = try connection.request(["INCR", "k"]) }
        #expect(error?.kind == .timeout)
        #expect(error?.hint?.contains("outcome unknown") == true)
        #expect(connection.isBroken)
    }

    @Test func aHandshakeReplyThatNeverComesDestroysTheConnection() throws {
        let server = try FakeRESPServer(everyCommand: .stall)
        defer { server.stop() }
        var settings = ConnectionSettings()
        settings.port = server.port
        settings.operationTimeout = 0.3
        settings.connectTimeout = 0.3
        let error = consoleError { _ = try ConnectionFactory(settings: settings).connect() }
        #expect(error?.kind == .timeout)
    }

    @Test func aTimedOutWriteIsReportedUnknownRanOnceAndNeverResent() throws {
        // DEBUG SLEEP on another connection stalls the server past the INCR's timeout: the
        // INCR's fate is unknown to the client, it runs exactly once when the server wakes,
        // and the next command gets its own reply, not the INCR's late one.
        let certificates = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        var settings = tlsSettings(server, certificates: certificates)
        settings.operationTimeout = 0.5
        let factory = try ConnectionFactory(settings: settings)
        let client = DirectClient(factory: factory)
        #expect(try client.execute(argv("SET counter 0")) == .simple("OK"))

        let slept = SleepResult()
        let thread = Thread {
            let reply = try? factory.connect().request(argv("DEBUG SLEEP 1.5"), timeout: .seconds(5))
            slept.value.withLock { $0 = reply }
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.3)  // let DEBUG SLEEP reach the server first

        let error = consoleError { _ = try client.execute(argv("INCR counter")) }
        #expect(error?.kind == .timeout)
        #expect(error?.hint?.contains("outcome unknown") == true)

        #expect(try client.execute(argv("ECHO next")) == .bulk("next"))  // waits out the sleep
        #expect(try client.execute(argv("GET counter")) == .bulk("1"))
        Thread.sleep(forTimeInterval: 0.1)
        #expect(slept.value.withLock { $0 } == .simple("OK"))
    }
}

private final class SleepResult: Sendable {
    let value = Mutex<RESPValue?>(nil)
}

private func argv(_ words: String) -> [[UInt8]] {
    words.split(separator: " ").map { Array($0.utf8) }
}
