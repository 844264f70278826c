import Foundation
import Testing
import TestSupport

/// `redis-console --load` as a user runs it: the built binary against a real TLS redis-server.
@Suite("--load end to end") struct LoadModeEndToEndTests {
    let fixture: BinaryAgainstServer
    var binary: String { fixture.binary }

    init() throws {
        fixture = try BinaryAgainstServer()
    }

    @Test func jsonReportsParseAndTheLastIsFinal() throws {
        let server = try fixture.server()
        defer { server.stop() }
        let result = try ProcessRunner.run(binary, fixture.tlsArguments(server) + ["--load", "--json", "--duration", "1.2", "--interval", "0.5",
                                                                          "--workers", "8", "--pool-size", "4", "--pipeline", "5"],
                                           timeout: .seconds(20))
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 3, "two windows, then the summary: \(result.stdout)")
        for object in objects { #expect((object["ops_per_sec"] as? Double ?? 0) > 0) }
        #expect(objects.map { $0["final"] as? Bool } == [false, false, true])
        let final = try #require(objects.last)
        let commands = try #require(final["commands"] as? [String: Int])
        #expect(commands.values.reduce(0, +) == final["ops"] as? Int)
        #expect((final["pool"] as? [String: Any])?["max"] as? Int == 4)
    }

    @Test func textReportsEndWithASummary() throws {
        let server = try fixture.server()
        defer { server.stop() }
        let result = try ProcessRunner.run(binary, fixture.tlsArguments(server) + ["--load", "--duration", "1", "--interval", "0.4",
                                                                          "--commands", "INCR,PING", "--workers", "4"],
                                           timeout: .seconds(20))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains(" ops/s  p50 ") == true, "\(result.stdout)")
        #expect(lines.contains("--- load summary: 1.0 s, 4 workers, pipeline 1, 64-byte values, 10,000 keys"), "\(result.stdout)")
        #expect(lines.contains("errors    none"))
        #expect(lines.contains { $0.hasPrefix("commands  INCR ") && $0.contains("  PING ") })
    }

    @Test func anUnknownCommandIsRefusedBeforeConnecting() throws {
        let result = try ProcessRunner.run(binary, ["-p", "1", "--load", "--commands", "GET,DEL"], timeout: .seconds(10))
        #expect(result.status == 1)
        #expect(result.stderr.contains("--commands: unknown command 'DEL'; the load generator knows GET,SET,INCR,LPUSH,RPOP,HGET,HSET,PING"),
                "\(result.stderr)")
    }
}
