import ConnCore
import Foundation
import Testing
import TestSupport

/// `redis-console --stats` and the outcome-unknown promise, run as a user runs them: the built
/// binary against a real TLS redis-server.
@Suite("--stats and outcome unknown, end to end") struct StatsModeEndToEndTests {
    let certificates: TestCertificates
    let binary: String

    init() throws {
        certificates = try TestCertificates.shared()
        binary = try BinaryLocator.redisConsole()
    }

    func tlsArguments(_ server: RedisServer) -> [String] {
        ["--tls", "--cacert", certificates.caCertificate, "-h", "127.0.0.1", "-p", "\(server.tlsPort ?? 0)"]
    }

    @Test func statsPrintsPoolHealthTLSCertificateAndLatency() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let result = try ProcessRunner.run(binary, tlsArguments(server) + ["--stats", "--interval", "0.5", "-r", "2"],
                                           timeout: .seconds(20))
        #expect(result.status == 0, "\(result.stderr)")
        let reports = result.stdout.components(separatedBy: "--- ").filter { !$0.isEmpty }
        #expect(reports.count == 2)
        let last = reports.last ?? ""
        #expect(last.contains("/50 in use"))
        #expect(last.contains("health    ok"))
        #expect(last.contains("redis 7."))
        #expect(last.contains("tls       TLSv1.3"))
        #expect(last.contains("cert[0]   CN=localhost"))
        #expect(last.contains("days left (ok)"))
        #expect(last.contains("  PING "))
        #expect(last.range(of: #"latency   p50 [0-9.]+ ms"#, options: .regularExpression) != nil)
    }

    @Test func statsAsJSONIsOneParseableObjectPerReport() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates)))
        defer { server.stop() }
        let result = try ProcessRunner.run(binary, tlsArguments(server) + ["--stats", "--json", "--interval", "0.3", "-r", "2"],
                                           timeout: .seconds(20))
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let pool = object?["pool"] as? [String: Any]
            #expect(pool?["max"] as? Int == 50)
            let latency = (object?["latency"] as? [String: Any])?["overall"] as? [String: Any]
            #expect((latency?["count"] as? Int ?? 0) > 0)
            let chain = (object?["tls"] as? [String: Any])?["server_chain"] as? [[String: Any]]
            #expect((chain?.first?["days_left"] as? Int ?? 0) > 300)
        }
    }

    /// The promise in the issue: INCR through a timeout says "outcome unknown" and the counter
    /// moved once.
    @Test func incrThroughATimeoutSaysOutcomeUnknownAndCountsOnce() throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), enableDebugCommand: true))
        defer { server.stop() }
        _ = try ProcessRunner.run(binary, tlsArguments(server) + ["SET", "visits", "10"])
        // The first INCR runs at once; while the console waits a second before the second one,
        // another client stalls the server for 2 s, so the second INCR meets the 0.5 s timeout.
        let (binary, sleepArguments) = (binary, tlsArguments(server) + ["--timeout", "10", "DEBUG", "SLEEP", "2"])
        let sleeper = BackgroundThread {
            usleep(400_000)
            _ = try? ProcessRunner.run(binary, sleepArguments)
        }
        let result = try ProcessRunner.run(binary, tlsArguments(server) + ["--timeout", "0.5", "-r", "2", "-i", "1", "INCR", "visits"],
                                           timeout: .seconds(20))
        sleeper.join()
        #expect(result.status == 1)
        #expect(result.stderr.contains("outcome unknown: the command may have run on the server"), "\(result.stderr)")
        #expect(result.stdout == "11\n")
        let value = try ProcessRunner.run(binary, tlsArguments(server) + ["GET", "visits"])
        #expect(value.stdout == "12\n", "applied exactly once")
    }
}
