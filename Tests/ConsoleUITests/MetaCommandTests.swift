import ConnCore
import Testing
@testable import ConsoleUI

/// `:pool`, `:health`, ... parsed from typed lines and rendered from a fixed snapshot.
struct MetaCommandTests {
    static let canary = "s3cr3t-CANARY-9f2e"
    static let now = StatsReportTests.now

    /// Files never looked at: the configuration names none.
    struct NoFiles: FileChecking {
        func status(of path: String) -> FileStatus { .missing }
    }

    static func configuration() throws -> LoadedConfiguration {
        try ConfigurationLoader.load(
            arguments: ["-h", "cache.example.com", "-p", "6380", "--tls", "--pool-size", "20", "--no-auth-warning"],
            environment: ["REDISCLI_AUTH": canary], files: NoFiles())
    }

    /// StatsReportTests' snapshot, plus what the meta commands show beyond `--stats`.
    static func snapshot() -> StatisticsSnapshot {
        var snapshot = StatsReportTests.snapshot()
        let intermediate = CertificateInfo(subject: "CN=Test CA", issuer: "CN=Test CA", subjectAlternativeNames: [],
                                           serialHex: "02", notBefore: Int64(now) - 86_400, notAfter: Int64(now) + 400 * 86_400)
        snapshot.serverCertificates.append(CertificateStatus(intermediate, now: Int64(now)))
        let client = CertificateInfo(subject: "CN=app", issuer: "CN=Test CA", subjectAlternativeNames: ["DNS:app"],
                                     serialHex: "03", notBefore: Int64(now) - 86_400, notAfter: Int64(now) + 20 * 86_400)
        snapshot.clientCertificate = CertificateStatus(client, now: Int64(now))
        let degraded = HealthSample(time: now - 11, pingSeconds: 0.25, info: nil,
                                    status: .degraded(reasons: ["PING took 250 ms", "memory 95% of maxmemory"]), error: nil)
        let down = HealthSample(time: now - 21, pingSeconds: nil, info: nil, status: .down(reason: "connection refused"),
                                error: "could not connect")
        snapshot.health = [down, degraded] + snapshot.health
        snapshot.latency.perCommand = [
            CommandLatency(name: "GET", latency: LatencyPercentiles(count: 8, p50: 0.0004, p90: 0.0009, p99: 0.002, p999: 0.002,
                                                                    max: 0.003, mean: 0.0005)),
            CommandLatency(name: "SET", latency: LatencyPercentiles(count: 2, p50: 0.0012, p90: 0.0015, p99: 0.0015, p999: 0.0015,
                                                                    max: 0.0015, mean: 0.0013)),
        ]
        snapshot.events = [
            ConsoleEvent(time: now - 3, kind: .closed, message: "closed connection #2: stale"),
            ConsoleEvent(time: now - 2, kind: .retry, message: "retry 1/3 of GET in 0.13 s: connection refused"),
            ConsoleEvent(time: now - 1, kind: .connect, message: "opened connection #4"),
            ConsoleEvent(time: now - 1, kind: .outcome, message: "GET succeeded on attempt 2 of 4"),
        ]
        return snapshot
    }

    /// What the REPL prints for a typed meta command.
    static func text(_ line: String, snapshot: StatisticsSnapshot = snapshot()) throws -> [String] {
        let meta = try MetaCommand.parse(Array(line.utf8))
        return MetaCommandRenderer.render(meta, snapshot: snapshot, configuration: try configuration())
    }

    // MARK: parsing

    @Test(arguments: [
        (":pool", MetaCommand(.pool)),
        (":health", MetaCommand(.health)),
        (":cert --json", MetaCommand(.cert, json: true)),
        ("  :TLS  --JSON ", MetaCommand(.tls, json: true)),
        (":latency", MetaCommand(.latency)),
        (":retries", MetaCommand(.retries)),
        (":config", MetaCommand(.config)),
        (":help", MetaCommand(.help)),
        ("\":pool\" \"--json\"", MetaCommand(.pool, json: true)),
    ])
    func parses(_ line: String, _ expected: MetaCommand) throws {
        #expect(MetaCommand.isMeta(Array(line.utf8)))
        #expect(try MetaCommand.parse(Array(line.utf8)) == expected)
    }

    @Test func recognisesMetaLines() {
        #expect(!MetaCommand.isMeta(Array("GET :pool".utf8)))
        #expect(!MetaCommand.isMeta(Array("".utf8)))
        #expect(!MetaCommand.isMeta(Array(":pool \"open".utf8)))  // does not split: "Invalid argument(s)"
    }

    @Test func unknownNamesListTheKnownOnes() {
        var thrown: ConsoleError?
        do throws(ConsoleError) { _ = try MetaCommand.parse(Array(":set hints".utf8)) } catch { thrown = error }
        #expect(thrown?.kind == .usage)
        #expect(thrown?.message == "unknown meta command \":set\"")
        #expect(thrown?.hint == "known meta commands: :pool, :health, :cert, :tls, :latency, :retries, :config, :help (each takes --json); :fault, :load")
    }

    @Test func unknownOptionsAndControlCharactersAreRefusedSafely() {
        var thrown: ConsoleError?
        do throws(ConsoleError) { _ = try MetaCommand.parse(Array(":pool --yaml".utf8)) } catch { thrown = error }
        #expect(thrown?.message == "unknown option \"--yaml\" for :pool")
        do throws(ConsoleError) { _ = try MetaCommand.parse(Array(":\"po\\x1bol\"".utf8)) } catch { thrown = error }
        #expect(thrown?.message == "unknown meta command \":po\\x1bol\"")
    }

    // MARK: text

    @Test func poolShowsCountsAndSettings() throws {
        let lines = try Self.text(":pool")
        #expect(lines[0] == "pool      3/50 in use, 4 idle, 7 open, 2 waiting")
        #expect(lines.contains("          peak 5 in use, 2 waiting; 0 waits cancelled"))
        #expect(lines.contains("settings  max 20, acquire timeout 5 s, min idle 0, idle check every 30 s"))
    }

    @Test func healthShowsTheLatestSampleAndTheRecentProbes() throws {
        var snapshot = Self.snapshot()
        snapshot.health.append(HealthSample(time: Self.now, pingSeconds: 0.25, info: nil,
                                            status: .degraded(reasons: ["PING took 250 ms", "evicting keys"]), error: nil))
        #expect(try Self.text(":health", snapshot: snapshot) == [
            "health    degraded: PING took 250 ms; evicting keys, PING 250.0 ms",
            "          probed 2027-01-15 08:00:00 UTC",
            "          - PING took 250 ms",
            "          - evicting keys",
            "          PING over 3 probes: █▁█",
            "recent probes, newest last:",
            "  2027-01-15 07:59:39 UTC  down     no PING answer",
            "  2027-01-15 07:59:49 UTC  degraded PING 250.0 ms",
            "  2027-01-15 07:59:59 UTC  ok       PING 0.40 ms",
            "  2027-01-15 08:00:00 UTC  degraded PING 250.0 ms",
        ])
    }

    @Test func healthOfTheFixtureShowsFactsAndTheDownError() throws {
        var snapshot = Self.snapshot()
        snapshot.health = Array(snapshot.health.prefix(1))
        let lines = try Self.text(":health", snapshot: snapshot)
        #expect(lines.contains("          - connection refused"))
        #expect(lines.contains("          error: could not connect"))
        let facts = try Self.text(":health")
        #expect(facts.contains("          redis 7.0.15, master, up 2h, 9 clients (0 blocked), hit rate 75.0%"))
        snapshot.health = []
        #expect(try Self.text(":health", snapshot: snapshot) == ["health    not probed yet"])
    }

    @Test func certShowsEveryCertificateOfTheChainAndTheClientOne() throws {
        #expect(try Self.text(":cert") == [
            "server chain, 2 certificate(s), leaf first:",
            "[0] subject    CN=localhost",
            "    issuer     CN=Test CA",
            "    names      localhost",
            "    not after  2027-01-20 08:00:00 UTC: 5 days left (CRITICAL)",
            "[1] subject    CN=Test CA",
            "    issuer     CN=Test CA (self-signed)",
            "    names      (none)",
            "    not after  2028-02-19 08:00:00 UTC: 400 days left (ok)",
            "client certificate:",
            "    subject    CN=app",
            "    issuer     CN=Test CA",
            "    names      DNS:app",
            "    not after  2027-02-04 08:00:00 UTC: 20 days left (WARNING)",
        ])
        #expect(try Self.text(":cert", snapshot: StatsReportTests.snapshot(tls: false))
            == ["no certificates: the connection is not TLS (PLAINTEXT)"])
    }

    @Test func tlsShowsVersionCipherHandshakeAndResumption() throws {
        #expect(try Self.text(":tls") == [
            "tls       TLSv1.3, cipher TLS_AES_256_GCM_SHA384",
            "          handshake 2.00 ms mean over 4, last 2.00 ms",
            "          resumed 3/4 (75% of handshakes skipped the full exchange)",
            "          host name localhost verified, SNI localhost",
        ])
        #expect(try Self.text(":tls", snapshot: StatsReportTests.snapshot(tls: false))
            == ["tls       PLAINTEXT: traffic, password included, travels unencrypted"])
    }

    @Test func latencyIsATableWithEveryPercentile() throws {
        #expect(try Self.text(":latency") == [
            "latency, client side (sent to reply read):",
            "command  count      p50      p90      p99    p99.9      max",
            "(all)       10  0.50 ms  1.00 ms  2.00 ms  2.00 ms  3.00 ms",
            "GET          8  0.40 ms  0.90 ms  2.00 ms  2.00 ms  3.00 ms",
            "SET          2  1.20 ms  1.50 ms  1.50 ms  1.50 ms  1.50 ms",
        ])
    }

    @Test func retriesListsTheEventsWithTimes() throws {
        #expect(try Self.text(":retries") == [
            "events    1 retries, 1 outcomes after retries, 1 connections opened, 0 failed to open, 1 closed, 0 pool exhausted",
            "oldest first:",
            "  2027-01-15 07:59:57 UTC  closed       closed connection #2: stale",
            "  2027-01-15 07:59:58 UTC  retry        retry 1/3 of GET in 0.13 s: connection refused",
            "  2027-01-15 07:59:59 UTC  connect      opened connection #4",
            "  2027-01-15 07:59:59 UTC  outcome      GET succeeded on attempt 2 of 4",
        ])
    }

    @Test func configIsTheShowConfigTextWithoutThePassword() throws {
        let lines = try Self.text(":config")
        #expect(lines == ConfigurationRenderer.render(try Self.configuration()))
        #expect(lines.contains { $0.hasPrefix("password") && $0.contains("***  (env REDISCLI_AUTH)") })
        #expect(lines.contains { $0.hasPrefix("pool size") && $0.hasSuffix("20  (flag --pool-size)") })
        #expect(!lines.joined().contains(Self.canary))
    }

    @Test func helpListsMetaAndConsoleCommands() throws {
        let lines = try Self.text(":help")
        #expect(lines.first == "meta commands (add --json for one JSON object):")
        for name in MetaCommand.Kind.allCases { #expect(lines.contains { $0.hasPrefix("  :\(name.rawValue) ") }) }
        for usage in ["connect host port", "clear", "quit, exit", "N COMMAND", "HELP command", "HELP @group"] {
            #expect(lines.contains { $0.hasPrefix("  \(usage) ") })
        }
    }

    // MARK: JSON

    @Test(arguments: MetaCommand.Kind.allCases)
    func jsonIsOneObjectOnOneLine(_ kind: MetaCommand.Kind) throws {
        let lines = try Self.text(":\(kind.rawValue) --json")
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("{") && lines[0].hasSuffix("}"))
        #expect(!lines[0].contains("\n"))
        #expect(!lines[0].contains(Self.canary))
    }

    @Test func jsonCarriesTheFigures() throws {
        func json(_ kind: MetaCommand.Kind) throws -> String { try Self.text(":\(kind.rawValue) --json")[0] }
        #expect(try json(.pool).hasPrefix("{\"time\":1800000000,\"endpoint\":\"127.0.0.1:6380\",\"pool\":{\"max\":50,"))
        #expect(try json(.pool).hasSuffix("\"settings\":{\"max\":20,\"acquire_timeout\":5,\"min_idle\":0,\"health_interval\":30}}"))
        #expect(try json(.health).contains("\"recent\":[{\"time\":1799999979,\"status\":\"down\",\"ping\":null},"))
        #expect(try json(.health).contains("\"latest\":{\"time\":1799999999,\"status\":\"ok\""))
        #expect(try json(.cert).contains("\"client_certificate\":{\"subject\":\"CN=app\""))
        #expect(try json(.cert).contains("\"days_left\":400,\"level\":\"ok\""))
        #expect(try json(.tls).contains("\"resumption_rate\":0.75"))
        #expect(try json(.tls).hasSuffix("\"last_handshake\":0.002,\"verified_name\":\"localhost\",\"sni\":\"localhost\"}"))
        #expect(try json(.latency).contains("\"SET\":{\"count\":2,\"p50\":0.0012,"))
        #expect(try json(.retries).contains("{\"time\":1799999998,\"kind\":\"retry\",\"message\":\"retry 1/3 of GET in 0.13 s: connection refused\"}"))
        #expect(try json(.config).contains("\"password\":{\"value\":\"***\",\"source\":\"env REDISCLI_AUTH\"}"))
        #expect(try json(.config).contains("\"connection\":{\"value\":\"rediss://:***@cache.example.com:6380/0\",\"source\":null}"))
        #expect(try json(.help).hasPrefix("{\"meta_commands\":[{\"name\":\":pool\",\"summary\":"))
    }
}
