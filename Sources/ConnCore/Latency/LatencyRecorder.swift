/// Client-side latency of every command the process sends, recorded from any thread: overall,
/// per command name, and per wall-clock second. Memory is bounded: histograms have a fixed size,
/// the series is a ring, and command names are capped (a user typing garbage adds nothing past
/// the cap).
public final class LatencyRecorder: Sendable {
    /// Where names past `maxCommandNames`, and first words no command has, are counted.
    public static var otherName: String { LatencyCommandName.other }

    private struct State: Sendable {
        var overall = LatencyHistogram<UInt64>(significantDigits: .three)
        var commandIndex: [String: Int] = [:]
        var commands: [(name: String, latencies: LatencyHistogram<UInt64>)] = []
        var series: LatencySeries

        /// The entry for a name not seen yet: a new one while under `bound`, else the shared
        /// "OTHER" one. A command literally named OTHER does not use up the bound.
        mutating func addCommand(_ name: String, bound: Int) -> Int {
            let named = commandIndex.count - (commandIndex[LatencyCommandName.other] == nil ? 0 : 1)
            let key = named < bound ? name : LatencyCommandName.other
            if let existing = commandIndex[key] { return existing }
            commands.append((key, LatencyHistogram(significantDigits: .three)))
            commandIndex[key] = commands.count - 1
            return commands.count - 1
        }
    }

    public let secondsKept: Int
    public let maxCommandNames: Int
    private let state: PthreadMutex<State>

    /// Each command name costs one histogram of about 190 KB on first use (3 significant digits
    /// up to an hour), so the default bound allows about 38 MB; each kept second costs about
    /// 13 KB once used.
    public init(secondsKept: Int = 120, maxCommandNames: Int = 200) {
        self.secondsKept = max(1, secondsKept)
        self.maxCommandNames = max(0, maxCommandNames)
        state = PthreadMutex(State(series: LatencySeries(capacity: self.secondsKept)))
    }

    /// `seconds`: how long the client waited for the reply. `wallTime`: when the reply came, in
    /// unix seconds, which places the command in the per-second series.
    public func record(command: String, seconds: Double, at wallTime: Double) {
        record(name: LatencyCommandName.of(command), sample: LatencySample(seconds: seconds),
               second: Self.unixSecond(wallTime))
    }

    /// The same for argv[0] as sent: the bytes are upper-cased straight into the name.
    public func record(command argv0: [UInt8], seconds: Double, at wallTime: Double) {
        record(name: argv0.withUnsafeBufferPointer(LatencyCommandName.of), sample: LatencySample(seconds: seconds),
               second: Self.unixSecond(wallTime))
    }

    /// The series has `seriesLength` seconds (at most `secondsKept`) ending with the one that
    /// holds `wallTime`.
    public func summary(now wallTime: Double, seriesLength: Int = 60) -> LatencySummary {
        // Histograms are copy-on-write: the copy costs a few retains under the lock, and the
        // percentile scans (about 1 ms for a few commands) run outside it, so a dashboard
        // refresh does not stall senders. One that records meanwhile copies what it touches.
        let snapshot = state.withLock { $0 }
        let perCommand = snapshot.commands
            .map { CommandLatency(name: $0.name, latency: LatencyPercentiles($0.latencies)) }
            .sorted { left, right in
                left.latency.count != right.latency.count
                    ? left.latency.count > right.latency.count
                    : left.name < right.name
            }
        let perSecond = Self.unixSecond(wallTime).map {
            snapshot.series.seconds(endingAt: $0, length: seriesLength)
        } ?? []
        return LatencySummary(overall: LatencyPercentiles(snapshot.overall), perCommand: perCommand,
                              perSecond: perSecond)
    }

    /// Forgets everything recorded, and frees the histograms.
    public func reset() {
        let fresh = State(series: LatencySeries(capacity: secondsKept))
        state.withLock { $0 = fresh }
    }

    // Name and second are worked out before taking the lock; only the counting is inside it.
    private func record(name: String, sample: LatencySample, second: Int64?) {
        state.withLock { state in
            state.overall.record(sample)
            if let second {
                state.series.record(sample, second: second)
            }
            let index = state.commandIndex[name] ?? state.addCommand(name, bound: maxCommandNames)
            state.commands[index].latencies.record(sample)
        }
    }

    /// nil for a time no clock gives (NaN, infinite, absurdly far): the command still counts,
    /// it just has no second in the series.
    static func unixSecond(_ wallTime: Double) -> Int64? {
        guard wallTime.isFinite, abs(wallTime) < 1e15 else { return nil }
        return Int64(wallTime.rounded(.down))
    }
}
