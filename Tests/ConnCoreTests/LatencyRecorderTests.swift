import Testing
@testable import ConnCore

@Suite("Latency recorder") struct LatencyRecorderTests {
    /// Within the histogram's relative precision, plus the microsecond every value is rounded to.
    private func near(_ value: Double, _ expected: Double, precision: Double) -> Bool {
        abs(value - expected) <= expected * precision + 1e-6
    }

    private func counts(_ series: [LatencySecond]) -> [Int] { series.map(\.count) }

    @Test func knownValuesGivePercentilesWithinThreeDigits() {
        let recorder = LatencyRecorder()
        for millisecond in 1...1000 {
            recorder.record(command: "GET", seconds: Double(millisecond) / 1000, at: 1000)
        }
        let overall = recorder.summary(now: 1000).overall
        #expect(overall.count == 1000)
        #expect(near(overall.p50, 0.500, precision: 0.001))
        #expect(near(overall.p90, 0.900, precision: 0.001))
        #expect(near(overall.p99, 0.990, precision: 0.001))
        #expect(near(overall.p999, 0.999, precision: 0.001))
        #expect(overall.max == 1.0)
        #expect(abs(overall.mean - 0.5005) < 1e-9)
    }

    @Test func commandsAreSplitByUpperCasedNameMostUsedFirst() {
        let recorder = LatencyRecorder()
        for _ in 0..<3 {
            recorder.record(command: "get", seconds: 0.001, at: 1000)
            recorder.record(command: "SET", seconds: 0.002, at: 1000)
        }
        for _ in 0..<5 { recorder.record(command: "Ping", seconds: 0.0005, at: 1000) }
        recorder.record(command: Array("del".utf8), seconds: 0.004, at: 1000)

        let summary = recorder.summary(now: 1000)
        #expect(summary.overall.count == 12)
        #expect(summary.perCommand.map(\.name) == ["PING", "GET", "SET", "DEL"])
        #expect(summary.perCommand.map(\.latency.count) == [5, 3, 3, 1])
        #expect(summary.perCommand[1].latency.p50 == 0.001)
        #expect(summary.perCommand[2].latency.p50 == 0.002)
        #expect(summary.perCommand[3].latency.max == 0.004)
    }

    @Test func namesPastTheBoundGoUnderOther() {
        let recorder = LatencyRecorder(maxCommandNames: 2)
        for name in ["a", "b", "c", "d", "a"] {
            recorder.record(command: name, seconds: 0.001, at: 1000)
        }
        let names = recorder.summary(now: 1000).perCommand.map { "\($0.name)=\($0.latency.count)" }
        #expect(names == ["A=2", "OTHER=2", "B=1"])
    }

    @Test func emptyAndOverlongNamesAreNotCommandNames() {
        let recorder = LatencyRecorder()
        let longest = String(repeating: "x", count: LatencyCommandName.longest)
        recorder.record(command: longest, seconds: 0.001, at: 1000)
        recorder.record(command: longest + "x", seconds: 0.001, at: 1000)
        recorder.record(command: "", seconds: 0.001, at: 1000)
        let names = recorder.summary(now: 1000).perCommand.map(\.name)
        #expect(names == ["OTHER", longest.uppercased()])
    }

    @Test func namesAreUpperCasedTheSameWayFromStringsAndBytes() {
        for word in ["GET", "get", "cLiEnT", "json.get", "Grüße", "ÉTÉ"] {
            let fromBytes = Array(word.utf8).withUnsafeBufferPointer(LatencyCommandName.of)
            #expect(LatencyCommandName.of(word) == fromBytes)
        }
        #expect(LatencyCommandName.of("json.get") == "JSON.GET")
        #expect(LatencyCommandName.of("Grüße") == "GRüßE")
    }

    @Test func onePassPercentilesAgreeWithHdrHistogram() {
        var latencies = LatencyHistogram<UInt64>(significantDigits: .three)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<10_000 {
            latencies.record(LatencySample(seconds: Double.random(in: 0.00001...2, using: &generator)))
        }
        for hours in 1...20 {
            latencies.record(LatencySample(seconds: Double(hours) * 3600))
        }
        let levels = [1, 50, 90, 99, 99.9, 99.99]
        let expected = levels.map {
            min(Double(latencies.histogram.valueAtPercentile($0)) / 1_000_000, latencies.maxSeconds)
        }
        #expect(latencies.seconds(atPercentiles: levels) == expected)
    }

    @Test func theSeriesHasEverySecondOldestFirstWithQuietOnesAtZero() {
        let recorder = LatencyRecorder(secondsKept: 10)
        recorder.record(command: "GET", seconds: 0.001, at: 1000.2)
        recorder.record(command: "GET", seconds: 0.003, at: 1000.9)
        recorder.record(command: "GET", seconds: 0.005, at: 1002.0)

        let series = recorder.summary(now: 1003.5, seriesLength: 5).perSecond
        #expect(series.map(\.second) == [999, 1000, 1001, 1002, 1003])
        #expect(counts(series) == [0, 2, 0, 1, 0])
        #expect(near(series[1].p99, 0.003, precision: 0.01))
        #expect(series[1].max == 0.003)
        #expect(series[3].max == 0.005)
        #expect(series[0] == LatencySecond(second: 999, count: 0, p99: 0, max: 0))
    }

    @Test func theSeriesKeepsOnlyTheLastSecondsKept() {
        let recorder = LatencyRecorder(secondsKept: 5)
        recorder.record(command: "GET", seconds: 0.001, at: 100)
        recorder.record(command: "GET", seconds: 0.001, at: 103)
        recorder.record(command: "GET", seconds: 0.002, at: 105)  // takes second 100's slot

        let series = recorder.summary(now: 106, seriesLength: 60).perSecond
        #expect(series.map(\.second) == [102, 103, 104, 105, 106])
        #expect(counts(series) == [0, 1, 0, 1, 0])
        #expect(series[3].max == 0.002)

        // Too late for the series (its slot holds a later second), still counted overall.
        recorder.record(command: "GET", seconds: 0.001, at: 100.5)
        let late = recorder.summary(now: 106)
        #expect(counts(late.perSecond) == [0, 1, 0, 1, 0])
        #expect(late.overall.count == 4)
    }

    @Test func hugeDurationsAreCountedAtTheCeilingWithAnExactMax() {
        let recorder = LatencyRecorder()
        recorder.record(command: "BLPOP", seconds: 3 * 3600, at: 1000)
        recorder.record(command: "BLPOP", seconds: 0.001, at: 1000)
        recorder.record(command: "BLPOP", seconds: .infinity, at: 1000)

        let blpop = recorder.summary(now: 1000).overall
        #expect(blpop.count == 3)
        #expect(blpop.max == 3 * 3600)
        #expect(blpop.p999 == 3600)
        #expect(abs(blpop.mean - (3 * 3600 + 0.001 + 3600) / 3) < 1e-9)
        let second = recorder.summary(now: 1000, seriesLength: 1).perSecond
        #expect(second == [LatencySecond(second: 1000, count: 3, p99: 3600, max: 3 * 3600)])
    }

    @Test func nonsenseTimesStillCount() {
        let recorder = LatencyRecorder()
        recorder.record(command: "GET", seconds: -1, at: 1000)
        recorder.record(command: "GET", seconds: .nan, at: 1000)
        recorder.record(command: "GET", seconds: 0.001, at: .nan)

        let summary = recorder.summary(now: 1000, seriesLength: 1)
        #expect(summary.overall.count == 3)
        #expect(summary.overall.p50 == 0)
        #expect(summary.overall.max == 0.001)
        #expect(counts(summary.perSecond) == [2])
        #expect(recorder.summary(now: .infinity).perSecond.isEmpty)
    }

    @Test func nothingRecordedIsAnEmptySummaryWithAFlatSeries() {
        let recorder = LatencyRecorder()
        let fresh = recorder.summary(now: 1000.7)
        #expect(fresh.overall == .empty)
        #expect(fresh.perCommand.isEmpty)
        #expect(fresh.perSecond.map(\.second) == Array(941...1000))
        #expect(fresh.perSecond.allSatisfy { $0 == LatencySecond(second: $0.second, count: 0, p99: 0, max: 0) })
        #expect(recorder.summary(now: 1000, seriesLength: 0) == .empty)

        recorder.record(command: "GET", seconds: 0.001, at: 1000)
        recorder.reset()
        #expect(recorder.summary(now: 1000.7) == fresh)
    }

    @Test func concurrentRecordingLosesNothing() {
        let recorder = LatencyRecorder()
        let names = ["GET", "SET", "HGET", "ZADD"]
        let perThread = 5_000
        let threads = (0..<4).map { thread in
            BackgroundThread {
                for i in 0..<perThread {
                    recorder.record(command: names[(thread + i) % names.count],
                                    seconds: Double(i % 100 + 1) / 10_000, at: 1000 + Double(i % 4))
                }
            }
        }
        threads.forEach { $0.join() }

        let summary = recorder.summary(now: 1003, seriesLength: 4)
        #expect(summary.overall.count == 20_000)
        #expect(summary.perCommand.map(\.latency.count) == [5_000, 5_000, 5_000, 5_000])
        #expect(counts(summary.perSecond) == [5_000, 5_000, 5_000, 5_000])
        #expect(summary.overall.max == 0.01)
    }
}
