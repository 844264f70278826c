import ConnCore
import ConsoleUI
import Foundation
import Testing

/// `--load`'s report lines and JSON objects, from fixed progress values.
@Suite("Load reports")
struct LoadReportTests {
    static let latency = LatencyPercentiles(count: 31_245, p50: 0.00152, p90: 0.0025, p99: 0.0041, p999: 0.006, max: 0.0098, mean: 0.0016)
    static let progress = LoadProgress(
        elapsed: 3.0004, running: true, replies: 93_000, errors: ["timeout": 2, "WRONGTYPE": 5],
        perCommand: [.set: 46_000, .get: 47_000], opsPerSecond: 30_999.6, latency: latency,
        window: .init(index: 2, replies: 31_245, opsPerSecond: 31_245, latency: latency))
    static let pool = PoolStats(maxSize: 50, open: 50, inUse: 50, idle: 0, opening: 0, checking: 0, waiters: 12, created: 50,
                                closedByReason: [:], openFailures: 0, exhaustedCount: 0, cancelledWaits: 0, peakInUse: 50,
                                peakWaiters: 30, acquireWaitP50: 0, acquireWaitP99: 0.001, acquireCount: 93_000)

    @Test func intervalLine() {
        #expect(LoadTextReport.intervalLine(Self.progress, pool: Self.pool)
            == "   3.0 s     31,245 ops/s  p50 1.5 ms  p99 4.1 ms  max 9.8 ms  errors 7  pool 50/50 in use, 12 waiting")
    }

    @Test func summary() {
        var settings = LoadSettings()
        settings.commands = [.get, .set]
        #expect(LoadTextReport.summary(Self.progress, settings: settings, pool: Self.pool) == [
            "--- load summary: 3.0 s, 50 workers, pipeline 1, 64-byte values, 10,000 keys",
            "total     93,000 replies, 7 errors",
            "ops/s     31,000",
            "latency   p50 1.5 ms  p90 2.5 ms  p99 4.1 ms  max 9.8 ms",
            "commands  GET 47,000  SET 46,000",
            "errors    WRONGTYPE 5, timeout 2",
            "pool      peak 50/50 in use, peak 30 waiting, 50 opened, 0 exhausted",
        ])
    }

    @Test func jsonHasOpsPerSecondAndMarksTheFinalReport() throws {
        for final in [false, true] {
            let text = LoadJSON.render(Self.progress, pool: Self.pool, final: final).serialized()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["final"] as? Bool == final)
            #expect(object["ops_per_sec"] as? Double == (final ? 30_999.6 : 31_245))
            #expect(object["ops"] as? Int == 93_000)
            #expect((object["commands"] as? [String: Int]) == ["GET": 47_000, "SET": 46_000])
            #expect((object["errors_by_kind"] as? [String: Int]) == ["WRONGTYPE": 5, "timeout": 2])
            #expect((object["latency"] as? [String: Any])?["p99"] as? Double == 0.0041)
            #expect((object["pool"] as? [String: Any])?["waiters"] as? Int == 12)
        }
    }
}
