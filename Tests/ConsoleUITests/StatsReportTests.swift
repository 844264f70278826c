import ConnCore
import Testing
@testable import ConsoleUI

/// `--stats` output from fixed snapshots: the figures people read must be the ones measured.
struct StatsReportTests {
    static let now: Double = 1_800_000_000  // 2027-01-15 08:00:00 UTC

    static func snapshot(tls: Bool = true) -> StatisticsSnapshot {
        var pool = PoolStats(maxSize: 50, open: 7, inUse: 3, idle: 4, opening: 0, checking: 0, waiters: 2,
                             created: 9, closedByReason: [.stale: 2], openFailures: 1, exhaustedCount: 1,
                             cancelledWaits: 0, peakInUse: 5, peakWaiters: 2, acquireWaitP50: 0,
                             acquireWaitP99: 0.0123, acquireCount: 100)
        pool.closedByReason[.error] = 1
        let leaf = CertificateInfo(subject: "CN=localhost", issuer: "CN=Test CA", subjectAlternativeNames: ["localhost"],
                                   serialHex: "01", notBefore: Int64(now) - 86_400, notAfter: Int64(now) + 5 * 86_400)
        var statistics = TLSStatistics()
        statistics.latest = TLSSessionInfo(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", handshakeSeconds: 0.002,
                                           resumed: false, verifiedName: "localhost", serverNameIndication: "localhost",
                                           peerChain: [leaf])
        statistics.handshakes = 4
        statistics.resumed = 3
        statistics.handshakeSecondsTotal = 0.008
        var info = ServerInfo()
        info.version = "7.0.15"
        info.role = "master"
        info.uptimeSeconds = 7_300
        info.connectedClients = 9
        info.keyspaceHits = 3
        info.keyspaceMisses = 1
        let sample = HealthSample(time: now - 1, pingSeconds: 0.0004, info: info, status: .ok, error: nil)
        let latency = LatencySummary(
            overall: LatencyPercentiles(count: 10, p50: 0.0005, p90: 0.001, p99: 0.002, p999: 0.002, max: 0.003, mean: 0.0006),
            perCommand: [CommandLatency(name: "GET", latency: .empty)], perSecond: [])
        return StatisticsSnapshot(
            time: now, endpoint: "127.0.0.1:6380", pool: pool, tls: statistics, isTLS: tls,
            serverCertificates: [CertificateStatus(leaf, now: Int64(now))], clientCertificate: nil,
            health: [sample], latency: latency,
            events: [ConsoleEvent(time: now - 2, kind: .retry, message: "retry 1/3 of GET in 0.13 s: connection refused")])
    }

    @Test func textShowsEveryPart() {
        let text = StatsReport.render(Self.snapshot()).joined(separator: "\n")
        #expect(text.contains("pool      3/50 in use, 4 idle, 7 open, 2 waiting"))
        #expect(text.contains("closed 3 (error 1, stale 2), open failures 1"))
        #expect(text.contains("acquire wait p50 0.00 ms p99 12.3 ms over 100, exhausted 1"))
        #expect(text.contains("health    ok, PING 0.40 ms"))
        #expect(text.contains("redis 7.0.15, master, up 2h, 9 clients (0 blocked)"))
        #expect(text.contains("hit rate 75.0%"))
        #expect(text.contains("tls       TLSv1.3 TLS_AES_256_GCM_SHA384, handshake 2.00 ms mean, resumed 3/4 (75%)"))
        #expect(text.contains("cert[0]   CN=localhost: 5 days left (CRITICAL)"))
        #expect(text.contains("latency   p50 0.50 ms p90 1.00 ms p99 2.00 ms p99.9 2.00 ms max 3.00 ms n=10"))
        #expect(text.contains("retry: retry 1/3 of GET in 0.13 s: connection refused"))
    }

    @Test func plaintextIsMarked() {
        let text = StatsReport.render(Self.snapshot(tls: false)).joined(separator: "\n")
        #expect(text.contains("PLAINTEXT"))
        #expect(!text.contains("cert[0]"))
    }

    @Test func jsonIsOneObjectWithTheSameFigures() {
        let json = StatsJSON.render(Self.snapshot()).serialized()
        #expect(!json.contains("\n"))
        #expect(json.hasPrefix("{\"time\":1800000000,\"endpoint\":\"127.0.0.1:6380\",\"pool\":{\"max\":50,\"open\":7,\"in_use\":3"))
        #expect(json.contains("\"closed_by_reason\":{\"error\":1,\"cancelled\":0,\"stale\":2,"))
        #expect(json.contains("\"acquire_wait_p99\":0.0123"))
        #expect(json.contains("\"days_left\":5,\"level\":\"critical\""))
        #expect(json.contains("\"resumption_rate\":0.75"))
        #expect(json.contains("\"status\":\"ok\""))
    }

    @Test func jsonEscapesStrings() {
        #expect(JSONValue.string("a\"b\n\u{1b}").serialized() == "\"a\\\"b\\n\\u001b\"")
        #expect(JSONValue.number(.infinity).serialized() == "null")
        #expect(JSONValue.number(2.5).serialized() == "2.5")
    }

    @Test func sparklineScalesBetweenMinAndMax() {
        #expect(Sparkline.render([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█")
        #expect(Sparkline.render([3, 3]) == "▄▄")
        #expect(Sparkline.render([]) == "")
    }
}
