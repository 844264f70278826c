// Snapshot tests of the dashboard screen as text. The expected screens live in
// Snapshots/dashboard-<columns>x<rows>.txt next to this file. After an intended change to the
// layout, re-record them and review the diff:
//
//     RECORD_SNAPSHOTS=1 swift test --filter DashboardRendererTests
//
import ConnCore
import Foundation
import Testing
@testable import ConsoleUI

struct DashboardRendererTests {
    static let now: Double = 1_800_000_000  // 2027-01-15 08:00:00 UTC

    static func statistics(tls: Bool = true) -> StatisticsSnapshot {
        var statistics = StatsReportTests.snapshot(tls: tls)
        let leaf = CertificateInfo(subject: "CN=redis.example.test", issuer: "CN=Example Test CA",
                                   subjectAlternativeNames: ["DNS:redis.example.test", "DNS:localhost", "IP:127.0.0.1"],
                                   serialHex: "02", notBefore: Int64(now) - 86_400, notAfter: Int64(now) + 21 * 86_400 + 3600)
        let ca = CertificateInfo(subject: "CN=Example Test CA", issuer: "CN=Example Test CA", subjectAlternativeNames: [],
                                 serialHex: "01", notBefore: Int64(now) - 86_400, notAfter: Int64(now) + 3650 * 86_400)
        let client = CertificateInfo(subject: "CN=console-client", issuer: "CN=Example Test CA", subjectAlternativeNames: [],
                                     serialHex: "03", notBefore: Int64(now) - 86_400, notAfter: Int64(now) + 200 * 86_400)
        statistics.serverCertificates = [CertificateStatus(leaf, now: Int64(now)), CertificateStatus(ca, now: Int64(now))]
        statistics.clientCertificate = CertificateStatus(client, now: Int64(now))
        var info = statistics.health[0].info!
        info.usedMemory = 1_572_864
        info.opsPerSecond = 1_240
        statistics.health = (0..<12).map { index in
            HealthSample(time: now - 1 - Double(11 - index) * 5, pingSeconds: 0.0003 + Double(index % 4) * 0.0001,
                         info: info, status: .ok, error: nil)
        }
        statistics.latency = LatencySummary(
            overall: LatencyPercentiles(count: 1_532, p50: 0.00042, p90: 0.0011, p99: 0.0031, p999: 0.009, max: 0.0123, mean: 0.0006),
            perCommand: [
                CommandLatency(name: "GET", latency: LatencyPercentiles(count: 900, p50: 0.0004, p90: 0.0009, p99: 0.0021, p999: 0.003, max: 0.004, mean: 0.0005)),
                CommandLatency(name: "SET", latency: LatencyPercentiles(count: 600, p50: 0.0005, p90: 0.0012, p99: 0.0034, p999: 0.005, max: 0.006, mean: 0.0006)),
                CommandLatency(name: "BLPOP", latency: LatencyPercentiles(count: 32, p50: 0.5, p90: 1.2, p99: 2.0, p999: 2.0, max: 2.0, mean: 0.7)),
            ],
            perSecond: (0..<60).map { index in
                LatencySecond(second: Int64(now) - 60 + Int64(index), count: 20 + index % 7,
                              p99: 0.001 + Double((index * 7) % 11) * 0.0002, max: 0.004)
            })
        statistics.events = [
            ConsoleEvent(time: now - 40, kind: .connect, message: "connected to 127.0.0.1:6380 in 2.1 ms (TLSv1.3)"),
            ConsoleEvent(time: now - 30, kind: .closed, message: "closed 1 connection: stale"),
            ConsoleEvent(time: now - 20, kind: .health, message: "ok -> degraded: PING took 250 ms"),
            ConsoleEvent(time: now - 15, kind: .health, message: "degraded -> ok"),
            ConsoleEvent(time: now - 3, kind: .connectFailed, message: "connect 127.0.0.1:6380: connection refused"),
            ConsoleEvent(time: now - 2, kind: .retry, message: "retry 1/3 of GET in 0.13 s: connection refused"),
        ]
        return statistics
    }

    static func snapshot(tls: Bool = true, scrollOffset: Int = 0, hidden: Set<DashboardPane> = [],
                         colour: Bool = true) -> DashboardSnapshot {
        let replies = (1...30).flatMap { index in
            ["127.0.0.1:6380> GET key:\(index)", "\"value \(index)\""]
        } + ["127.0.0.1:6380> LRANGE list 0 -1", "1) \"a\"", "2) \"b\"", "3) \"c\""]
        return DashboardSnapshot(
            statistics: statistics(tls: tls),
            header: .init(profile: "local", user: nil, database: 0, connected: true),
            scrollback: replies, scrollOffset: scrollOffset, prompt: "127.0.0.1:6380> ", input: "HGETALL user:42",
            cursorColumn: 15, hiddenPanes: hidden, colour: colour)
    }

    static let sizes = [(80, 24), (120, 40), (200, 60), (60, 15)]

    static func render(_ snapshot: DashboardSnapshot, _ size: (Int, Int)) -> DashboardScreen {
        DashboardRenderer.render(snapshot, size: (columns: size.0, rows: size.1))
    }

    static func assertShape(_ screen: DashboardScreen, _ size: (Int, Int)) {
        #expect(screen.rows.count == size.1)
        for (index, row) in screen.rows.enumerated() {
            #expect(DisplayWidth.of(row.text) == size.0, "row \(index) is \(DisplayWidth.of(row.text)) wide: \(row.text)")
            for span in row.spans { #expect(span.column >= 0 && span.column + span.width <= size.0) }
        }
    }

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" })
    func matchesRecordedScreen(_ name: String) throws {
        let parts = name.split(separator: "x").compactMap { Int($0) }
        let size = (parts[0], parts[1])
        let screen = Self.render(Self.snapshot(), size)
        Self.assertShape(screen, size)
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/dashboard-\(name).txt")
        let text = screen.text + "\n"
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: url, encoding: .utf8)
        #expect(text == recorded, "\(name) differs from \(url.path); RECORD_SNAPSHOTS=1 re-records it")
    }

    @Test func everyRowIsExactlyTheWidthAtOddSizes() {
        for size in [(80, 24), (81, 25), (119, 39), (79, 23), (20, 3), (1, 1), (0, 0), (300, 100)] {
            let screen = Self.render(Self.snapshot(), size)
            Self.assertShape(screen, size)
            #expect(screen.cursorColumn < max(1, size.0))
        }
    }

    @Test func headerNamesEndpointAndTLSOrPlaintext() {
        let tls = Self.render(Self.snapshot(), (80, 24)).rows[0].text
        #expect(tls.contains("127.0.0.1:6380"))
        #expect(tls.contains("TLSv1.3"))
        #expect(tls.contains("user default"))
        let plain = Self.render(Self.snapshot(tls: false), (120, 40))
        #expect(plain.rows[0].text.contains("PLAINTEXT"))
        #expect(!plain.rows[0].text.contains("TLSv1.3"))
        #expect(plain.rows[0].spans.contains { $0.style == .critical })
    }

    @Test func certificatePaneShowsDaysLeftWithLevel() {
        for size in [(80, 24), (120, 40), (200, 60)] {
            let text = Self.render(Self.snapshot(), size).text
            #expect(text.contains("21 days left WARN"), "at \(size)")
        }
        #expect(Self.render(Self.snapshot(), (60, 15)).text.contains("cert 21d WARN"))
    }

    @Test func hiddenPanesDisappearAndGiveRowsToScrollback() {
        let all = Self.render(Self.snapshot(), (120, 40)).text
        let hidden = Self.render(Self.snapshot(hidden: [.certificate, .events]), (120, 40)).text
        #expect(all.contains("── certificate") && all.contains("── events"))
        #expect(!hidden.contains("── certificate") && !hidden.contains("── events"))
        #expect(!hidden.contains("redis.example.test"))
        #expect(hidden.contains("── pool") && hidden.contains("── latency"))
        let none = Self.render(Self.snapshot(hidden: Set(DashboardPane.allCases)), (120, 40))
        #expect(none.text.components(separatedBy: "GET key:").count > all.components(separatedBy: "GET key:").count)
        #expect(!none.text.contains("── pool"))
    }

    @Test func scrolledUpShowsMarkerAndOlderLines() {
        let screen = Self.render(Self.snapshot(scrollOffset: 10), (80, 24))
        let input = screen.rows.count - 1
        #expect(screen.rows[input - 1].text.hasPrefix("-- 10 more below: PgDn, End --"))
        #expect(screen.scrollOffset == 10)
        #expect(!screen.text.contains("3) \"c\""))
        let bottom = Self.render(Self.snapshot(), (80, 24))
        #expect(!bottom.text.contains("more below"))
        #expect(bottom.rows[input - 1].text.hasPrefix("3) \"c\""))
        let far = Self.render(Self.snapshot(scrollOffset: 10_000), (80, 24))
        #expect(far.text.contains("127.0.0.1:6380> GET key:1 "))  // the oldest line
        #expect(far.scrollOffset < 10_000 && far.text.contains("more below: PgDn, End"))
    }

    @Test func repeatedEventsShowOnceWithTheirCount() {
        var snapshot = Self.snapshot()
        let retried = (0..<40).map { index in
            ConsoleEvent(time: Self.now - 1 + Double(index) / 100, kind: .outcome, message: "GET succeeded on attempt 2 of 4")
        }
        snapshot.statistics.events = [ConsoleEvent(time: Self.now - 5, kind: .fault, message: "fault: killed 50 connections named redis-console")]
            + retried + [ConsoleEvent(time: Self.now, kind: .connect, message: "opened connection #51")]
        let text = Self.render(snapshot, (120, 40)).text
        #expect(text.contains("fault: killed 50 connections named redis-console"))
        #expect(text.contains("outcome: GET succeeded on attempt 2 of 4 (×40)"))
        #expect(text.components(separatedBy: "GET succeeded").count == 2)
    }

    @Test func helpTakesTheWholeBodyAndHintFollowsTheInput() {
        var snapshot = Self.snapshot()
        snapshot.help = DashboardHelp.lines(hiddenPanes: [.events])
        let help = Self.render(snapshot, (80, 24))
        Self.assertShape(help, (80, 24))
        #expect(!help.text.contains("── pool"))
        #expect(help.text.contains("F6 events: hide or show a pane"))
        #expect(help.text.contains("(hidden now: events)"))
        #expect(help.text.contains(":retries"))
        #expect(!help.text.contains("taller screen"))  // every line fits at 80x24
        snapshot.help = nil
        snapshot.input = "GET"
        snapshot.cursorColumn = 3
        snapshot.hint = " key"
        let hinted = Self.render(snapshot, (80, 24))
        #expect(hinted.rows[23].text.hasPrefix("127.0.0.1:6380> GET key"))
        #expect(hinted.rows[23].spans.contains { $0.style == .dim && $0.column == 19 && $0.width == 4 })
        snapshot.activity = "running BLPOP 2.0 s · Ctrl-C cancels"
        #expect(Self.render(snapshot, (80, 24)).text.contains("── console ─ running BLPOP 2.0 s · Ctrl-C cancels ─"))
    }

    @Test func noColourKeepsWordsWithoutColourSpans() {
        for size in Self.sizes {
            let coloured = Self.render(Self.snapshot(), size)
            let plain = Self.render(Self.snapshot(colour: false), size)
            #expect(coloured.text == plain.text)
            #expect(coloured.rows.flatMap(\.spans).contains { $0.style.isColour })
            #expect(!plain.rows.flatMap(\.spans).contains { $0.style.isColour })
        }
        #expect(Self.render(Self.snapshot(colour: false), (80, 24)).text.contains("WARN"))
    }

    @Test func inputLineHoldsCursorAndScrollsLongInput() {
        let screen = Self.render(Self.snapshot(), (80, 24))
        #expect(screen.rows[23].text.hasPrefix("127.0.0.1:6380> HGETALL user:42"))
        #expect(screen.cursorRow == 23 && screen.cursorColumn == 31)
        var long = Self.snapshot()
        long.input = String(repeating: "x", count: 100) + "END"
        long.cursorColumn = 103
        let shifted = Self.render(long, (80, 24))
        #expect(shifted.rows[23].text.trimmingCharacters(in: .whitespaces).hasSuffix("END"))
        #expect(shifted.cursorColumn == 79)
    }

    @Test func wideAndControlCharactersKeepRowsExact() {
        var snapshot = Self.snapshot()
        snapshot.scrollback = ["\"值值值值\"", "bell\u{7}here\u{1b}[31m", String(repeating: "宽", count: 100)]
        let screen = Self.render(snapshot, (80, 24))
        Self.assertShape(screen, (80, 24))
        #expect(!screen.text.contains("\u{1b}"))
        #expect(screen.text.contains("bell?here?[31m"))
    }
}
