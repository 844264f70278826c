import ConnCore
import ConsoleUI
import Foundation
import Testing
import TestSupport

/// `:fault` against a real TLS redis-server: each fault happens on the server, and the pool and
/// retries recover from it without the user seeing an error.
@Suite("Fault injection against a real TLS Redis", .serialized) struct FaultInjectionTests {
    @Test func killClosesThisConsolesConnectionsAndThePoolReplacesThem() throws {
        let (server, certificates) = try PoolFaultTests.tlsServer()
        defer { server.stop() }
        let settings = tlsSettings(server, certificates: certificates)
        let client = try PoolFaultTests.client(settings)
        defer { client.shutdown() }
        let faults = FaultInjector(factory: client.factory, events: client.events)
        // Three pooled connections, opened by three sessions at once.
        let blockers = (0..<3).map { _ in
            BackgroundThread {
                let session = client.makeSession()
                _ = try? PoolFaultTests.run(session, "BLPOP", "nothing", "0.3")
                session.close()
            }
        }
        blockers.forEach { $0.join() }
        #expect(client.pool.stats().open == 3)
        let session = client.makeSession()
        // Another console on the same server, with the same client name, is not touched.
        let binary = try BinaryLocator.redisConsole()
        let other = Locked<ProcessResult?>(nil)
        let port = server.tlsPort ?? 0
        let otherConsole = BackgroundThread {
            let result = try? ProcessRunner.run(binary, ["--tls", "--cacert", certificates.caCertificate, "-p", "\(port)",
                                                         "--retries", "0", "BLPOP", "other", "1.5"])
            other.withLock { $0 = result }
        }
        usleep(500_000)

        let outcome = faults.perform(.kill)
        #expect(outcome == "fault: killed 3 connections of this console", "\(outcome)")
        #expect(try PoolFaultTests.run(session, "PING") == .simpleString(Array("PONG".utf8)))
        #expect(client.pool.stats().closedByReason[.stale, default: 0] >= 1)
        let messages = client.events.events().filter { $0.kind == .fault }.map(\.message)
        #expect(messages == ["fault: killing this console's connections (CLIENT KILL)", outcome])
        otherConsole.join()
        let spared = other.withLock { $0 }
        #expect(spared?.status == 0 && spared?.stdout == "\n", "\(String(describing: spared))")
    }

    @Test func pauseAndSlowHoldCommandsThatThenSucceed() throws {
        let (server, certificates) = try PoolFaultTests.tlsServer(debug: true)
        defer { server.stop() }
        let client = try PoolFaultTests.client(tlsSettings(server, certificates: certificates))
        defer { client.shutdown() }
        let faults = FaultInjector(factory: client.factory, events: client.events)
        let session = client.makeSession()
        _ = try PoolFaultTests.run(session, "SET", "k", "v")
        for request in [FaultRequest.pause(seconds: 0.6), .slow(seconds: 0.6)] {
            let fault = BackgroundThread { _ = faults.perform(request) }
            usleep(150_000)
            let start = Date()
            #expect(try PoolFaultTests.run(session, "GET", "k") == .bulkString(Array("v".utf8)))
            #expect(Date().timeIntervalSince(start) > 0.3, "\(request) did not hold the GET")
            fault.join()
        }
        let outcomes = client.events.events().filter { $0.kind == .fault }.map(\.message)
        #expect(outcomes.contains("fault over: pausing the server for 0.6 s (CLIENT PAUSE ALL)"), "\(outcomes)")
        #expect(outcomes.contains("fault over: the server sleeps for 0.6 s (DEBUG SLEEP)"), "\(outcomes)")
    }

    @Test func slowOnAServerWithoutDebugSaysHowToEnableIt() throws {
        let (server, certificates) = try PoolFaultTests.tlsServer(debug: false)
        defer { server.stop() }
        let client = try PoolFaultTests.client(tlsSettings(server, certificates: certificates))
        defer { client.shutdown() }
        let outcome = FaultInjector(factory: client.factory, events: client.events).perform(.slow(seconds: 0.1))
        #expect(outcome.hasPrefix("fault: the server refused it: ERR DEBUG command not allowed"), "\(outcome)")
        #expect(outcome.hasSuffix("(set enable-debug-command local in redis.conf)"))
    }
}

/// `:load` inside the console: a run in the background on the console's own pool, one at a
/// time, its end in the event log.
@Suite("Console load runs against a real TLS Redis", .serialized) struct ConsoleLoadTests {
    @Test func aRunMovesThePoolAndEndsInTheEventLog() throws {
        let (server, certificates) = try PoolFaultTests.tlsServer()
        defer { server.stop() }
        let client = try PoolFaultTests.client(tlsSettings(server, certificates: certificates), size: 4)
        defer { client.shutdown() }
        let load = ConsoleLoad(client: client)
        defer { load.stop() }
        var settings = LoadSettings()
        settings.workers = 6
        settings.duration = 1
        let started = try load.handle(.start(settings))
        #expect(started.first?.hasPrefix("load: 6 workers, GET,SET, pipeline 1, 1.0 s") == true, "\(started)")
        #expect(throws: ConsoleError.self) { try load.handle(.start(settings)) }
        usleep(300_000)
        #expect(client.pool.stats().inUse > 0)
        let deadline = Date().addingTimeInterval(10)
        var done: [String] = []
        while done.isEmpty, Date() < deadline {
            done = client.events.events().filter { $0.kind == .load }.map(\.message)
            usleep(50_000)
        }
        #expect(done.count == 1 && done[0].hasPrefix("load done: ") && done[0].hasSuffix(", 0 errors"), "\(done)")
        #expect(try load.handle(.status).first?.hasPrefix("load finished: 1.0 s, ") == true)
        #expect(try load.handle(.stop) == ["load: nothing is running"])
    }
}
