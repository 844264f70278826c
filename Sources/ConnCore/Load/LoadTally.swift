/// The load generator's counters, as a pure value with the time passed in: replies per
/// command, errors by kind, latency overall and per report window. Windows are `interval`
/// seconds long and aligned on the start, so readers at any rate (a 4 Hz dashboard, a 1 s
/// printer) see the same last complete window.
struct LoadTally: Sendable {
    let start: Double
    let interval: Double
    private(set) var replies = 0
    private(set) var errors: [String: Int] = [:]
    private(set) var perCommand: [LoadCommand: Int] = [:]
    private var overall = LatencyHistogram<UInt64>(significantDigits: .three)
    private var window = Window()
    private var windowIndex = 0
    private var lastWindow = Window()

    private struct Window: Sendable {
        var replies = 0
        var latencies = LatencyHistogram<UInt64>(significantDigits: .two)
    }

    init(start: Double, interval: Double) {
        self.start = start
        self.interval = interval > 0 ? interval : 1
    }

    /// `commands` got replies after `seconds` (one round trip: all share its latency);
    /// `errorReplies` are labels of the error replies among them ("WRONGTYPE").
    mutating func recordReplies(_ commands: [LoadCommand], seconds: Double, errorReplies: [String], now: Double) {
        advance(to: now)
        let sample = LatencySample(seconds: seconds)
        for command in commands {
            perCommand[command, default: 0] += 1
            overall.record(sample)
            window.latencies.record(sample)
        }
        replies += commands.count
        window.replies += commands.count
        for label in errorReplies { errors[label, default: 0] += 1 }
    }

    /// `count` commands that got no reply (timeout, pool exhausted, connection lost).
    mutating func recordFailure(_ label: String, count: Int, now: Double) {
        advance(to: now)
        errors[label, default: 0] += count
    }

    func progress(now: Double, running: Bool) -> LoadProgress {
        var copy = self
        copy.advance(to: now)
        let elapsed = Swift.max(0, now - start)
        return LoadProgress(
            elapsed: elapsed, running: running, replies: replies, errors: errors, perCommand: perCommand,
            opsPerSecond: elapsed > 0 ? Double(replies) / elapsed : 0,
            latency: LatencyPercentiles(overall),
            window: LoadProgress.Window(index: copy.windowIndex - 1, replies: copy.lastWindow.replies,
                                        opsPerSecond: Double(copy.lastWindow.replies) / interval,
                                        latency: LatencyPercentiles(copy.lastWindow.latencies)))
    }

    /// Closes the window(s) that ended before `now`; a skipped window was empty.
    private mutating func advance(to now: Double) {
        let index = Int(Swift.max(0, (now - start) / interval))
        guard index > windowIndex else { return }
        lastWindow = index == windowIndex + 1 ? window : Window()
        window = Window()
        windowIndex = index
    }
}
