import ConnCore

/// `--latency`, `--latency-history`, `--latency-dist`: PING through the pool every 10 ms and
/// print what redis-cli prints, when redis-cli prints it:
/// - tty `--latency`/`--latency-history`: the line is redrawn in place after every sample
///   (`\x1b[0G\x1b[2K` then the line, no newline); history ends a window with
///   ` -- 15.01 seconds range` and a newline, then starts again.
/// - raw/csv/json `--latency`: one line after the interval (`-i`, default 1 s), then exit 0.
/// - raw/csv/json `--latency-history`: a line after every sample, and the range lines.
/// - `--latency-dist`: the spectrum every interval (default 1 s), the legend every 20 lines.
public final class LatencyMode {
    public enum Kind: Sendable { case latency, history, distribution }

    /// redis-cli's `LATENCY_SAMPLE_RATE`.
    public static let sampleInterval = 0.010
    static let defaultHistoryWindow = 15.0

    private let kind: Kind
    private let style: ReplyStyle
    private let interval: Double
    private let maxWindows: Int?
    private let output: OutputSink
    private let ping: () throws(ConsoleError) -> Void
    private let clock: SecondsClock
    private let sleep: (Double) -> Void

    /// `interval`: `-i` seconds (0: redis-cli's defaults). `maxWindows`: stop after that many
    /// history windows or spectrum lines (redis-console's `-r`; redis-cli runs for ever).
    public init(kind: Kind, style: ReplyStyle, interval: Double, maxWindows: Int? = nil, output: OutputSink,
                ping: @escaping () throws(ConsoleError) -> Void, clock: SecondsClock = MonotonicClock(),
                sleep: @escaping (Double) -> Void) {
        self.kind = kind
        self.style = style
        self.interval = interval
        self.maxWindows = maxWindows
        self.output = output
        self.ping = ping
        self.clock = clock
        self.sleep = sleep
    }

    /// PING through a session (the pool): retried when safe, like every read-only command.
    public convenience init(kind: Kind, style: ReplyStyle, interval: Double, maxWindows: Int? = nil,
                            output: OutputSink, session: CommandExecutor, sleep: @escaping (Double) -> Void) {
        self.init(kind: kind, style: style, interval: interval, maxWindows: maxWindows, output: output,
                  ping: { () throws(ConsoleError) in
                      let reply = try session.execute([Array("PING".utf8)])
                      if case .error(let text) = reply {
                          throw ConsoleError(.server, String(decoding: text, as: UTF8.self))
                      }
                  }, sleep: sleep)
    }

    public func run() -> Int32 {
        var window = LatencyWindow()
        var spectrum = LatencySpectrum()
        var windows = 0
        let windowLength = kind == .latency ? (interval > 0 ? interval : 1)
            : kind == .history ? (interval > 0 ? interval : Self.defaultHistoryWindow)
            : (interval > 0 ? interval : 1)
        var windowStart = clock.now()
        while true {
            let start = clock.now()
            do {
                try ping()
            } catch {
                write("\nI/O error\nError: \(error.description)\n", to: .stderr)
                return 1
            }
            let end = clock.now()
            // Whole milliseconds from two millisecond clock readings, as redis-cli's mstime().
            let milliseconds = Int64((end * 1000).rounded(.down)) - Int64((start * 1000).rounded(.down))
            let microseconds = Int64(((end - start) * 1_000_000).rounded())
            if kind == .distribution {
                spectrum.add(microseconds: microseconds, milliseconds: milliseconds)
                if end - windowStart > windowLength {
                    write(spectrum.renderLine(), to: .stdout)
                    windowStart = clock.now()
                    windows += 1
                    if let maxWindows, windows >= maxWindows { return 0 }
                }
                sleep(Self.sampleInterval)
                continue
            }
            window.add(milliseconds: milliseconds, microseconds: microseconds)
            let line = LatencyLine.render(window, style: style)
            if style == .tty {
                write(LatencyLine.clearLine + line, to: .stdout)
            } else if kind == .history {
                write(line, to: .stdout)
            } else if end - windowStart > windowLength {
                write(line, to: .stdout)
                return 0
            }
            if kind == .history, clock.now() - windowStart > windowLength {
                write(LatencyLine.historyRange(seconds: clock.now() - windowStart), to: .stdout)
                windowStart = clock.now()
                window.reset()
                windows += 1
                if let maxWindows, windows >= maxWindows { return 0 }
            }
            sleep(Self.sampleInterval)
        }
    }

    private func write(_ text: String, to destination: OutputDestination) {
        output.write(Array(text.utf8), to: destination)
    }
}
