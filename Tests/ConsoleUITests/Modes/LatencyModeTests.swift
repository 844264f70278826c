import ConnCore
import Testing
@testable import ConsoleUI

@Suite("Latency modes: windows, lines, spectrum")
struct LatencyModeTests {
    @Test func windowKeepsRedisCLIsWholeMillisecondFigures() {
        var window = LatencyWindow()
        window.add(milliseconds: 0, microseconds: 180)
        window.add(milliseconds: 1, microseconds: 950)
        window.add(milliseconds: 0, microseconds: 210)
        #expect(window.minMilliseconds == 0 && window.maxMilliseconds == 1 && window.count == 3)
        #expect(LatencyLine.fixed2(window.averageMilliseconds) == "0.33")
        #expect(window.percentileMilliseconds(0.5) == 0.21)
        #expect(window.percentileMilliseconds(0.99) == 0.95)
        window.reset()
        #expect(window.count == 0 && window.percentileMilliseconds(0.5) == 0)
    }

    @Test func histogramCoversSlowSamples() {
        var histogram = MicrosecondHistogram()
        for value in [5, 150_000, 2_500_000, 500_000_000] as [Int64] { histogram.add(value) }
        #expect(histogram.quantile(0.25) == 0)
        #expect(histogram.quantile(0.5) == 150_000)
        #expect(histogram.quantile(0.75) == 2_500_000)
        #expect(histogram.quantile(1.0) == 100_000_000)
    }

    @Test func linesKeepRedisCLIsFormatAndAddPercentiles() {
        var window = LatencyWindow()
        for _ in 0..<3 { window.add(milliseconds: 0, microseconds: 180) }
        window.add(milliseconds: 1, microseconds: 1_400)
        #expect(LatencyLine.render(window, style: .tty) == "min: 0, max: 1, avg: 0.25 (4 samples) p50: 0.18 p99: 1.40")
        #expect(LatencyLine.render(window, style: .raw) == "0 1 0.25 4\n")
        #expect(LatencyLine.render(window, style: .csv) == "0,1,0.25,4\n")
        #expect(LatencyLine.render(window, style: .json)
                == "{\"min\": 0, \"max\": 1, \"avg\": 0.25, \"count\": 4, \"p50\": 0.18, \"p99\": 1.40}\n")
        #expect(LatencyLine.historyRange(seconds: 15.004) == " -- 15.00 seconds range\n")
    }

    @Test func nonTerminalLatencyPrintsOneLineAfterTheIntervalAndStops() {
        let clock = SteppingClock(step: 0.001)
        let output = CapturedOutput()
        var pings = 0
        let mode = LatencyMode(kind: .latency, style: .raw, interval: 0.5, output: output,
                               ping: { pings += 1 }, clock: clock, sleep: { clock.time += $0 })
        #expect(mode.run() == 0)
        #expect(output.text.split(separator: "\n").count == 1)
        #expect(output.text.hasSuffix(" \(pings)\n"), "\(output.text)")
        #expect(pings > 30 && pings < 50)
    }

    @Test func terminalHistoryRedrawsThenClosesEachRange() {
        let clock = SteppingClock(step: 0.0005)
        let output = CapturedOutput()
        let mode = LatencyMode(kind: .history, style: .tty, interval: 0.1, maxWindows: 2, output: output,
                               ping: {}, clock: clock, sleep: { clock.time += $0 })
        #expect(mode.run() == 0)
        let text = output.text
        #expect(text.hasPrefix(LatencyLine.clearLine + "min: "))
        #expect(text.contains(" (1 samples) p50: 0.50 p99: 0.50" + LatencyLine.clearLine))
        #expect(text.components(separatedBy: " seconds range\n").count == 3, "\(text)")
        #expect(text.components(separatedBy: LatencyLine.clearLine).count > 10)
    }

    @Test func aFailedPingEndsTheModeWithStatusOne() {
        let output = CapturedOutput()
        let mode = LatencyMode(kind: .latency, style: .tty, interval: 0, output: output,
                               ping: { () throws(ConsoleError) in throw ConsoleError(.io, "connection lost") },
                               sleep: { _ in })
        #expect(mode.run() == 1)
        #expect(output.errorText.contains("I/O error") && output.errorText.contains("connection lost"))
    }

    @Test func spectrumBucketsAndColoursAsRedisCLI() {
        var spectrum = LatencySpectrum()
        for _ in 0..<3 { spectrum.add(microseconds: 200, milliseconds: 0) }  // '*'
        spectrum.add(microseconds: 70_000_000, milliseconds: 70_000)         // '?'
        let text = spectrum.renderLine()
        #expect(text.hasPrefix(LatencySpectrum.legend))
        let line = String(text.dropFirst(LatencySpectrum.legend.count))
        // 3 of 4 samples: ceil(0.75 * 18) = 14 -> palette[14] = 226; 1 of 4: ceil(4.5) = 5 -> 239.
        #expect(line.hasPrefix("\u{1b}[38;5;0m\u{1b}[48;5;0m.\u{1b}[48;5;0m-\u{1b}[48;5;226m*\u{1b}[48;5;0m#"))
        #expect(line.contains("\u{1b}[48;5;239m?\u{1b}[0m p50: 0.20 p99: 70000.00\n"), "\(line)")
        #expect(spectrum.total == 0)
        var second = spectrum
        second.add(microseconds: 5, milliseconds: 0)
        #expect(!second.renderLine().hasPrefix("---"))
    }
}
