/// What the client measured, as an immutable snapshot for the UI: every command together, each
/// command name apart, and one entry a second for sparklines.
public struct LatencySummary: Sendable, Equatable {
    public var overall: LatencyPercentiles
    /// Most used first; equal counts by name.
    public var perCommand: [CommandLatency]
    /// Consecutive seconds ending at the summary's `now`, oldest first.
    public var perSecond: [LatencySecond]

    public static let empty = LatencySummary(overall: .empty, perCommand: [], perSecond: [])

    public init(overall: LatencyPercentiles, perCommand: [CommandLatency], perSecond: [LatencySecond]) {
        self.overall = overall
        self.perCommand = perCommand
        self.perSecond = perSecond
    }
}

public struct CommandLatency: Sendable, Equatable {
    /// Upper-cased command name, or "OTHER" for names past the recorder's bound.
    public var name: String
    public var latency: LatencyPercentiles

    public init(name: String, latency: LatencyPercentiles) {
        self.name = name
        self.latency = latency
    }
}

/// One wall-clock second of the series. A second without commands is present with count 0, so a
/// sparkline has no gaps.
public struct LatencySecond: Sendable, Equatable {
    /// Unix seconds (UTC) of the start of the second.
    public var second: Int64
    public var count: Int
    /// Seconds, to 2 significant digits (1%): a sparkline needs no more, and it keeps the
    /// per-second histograms small.
    public var p99: Double
    /// Seconds, exact.
    public var max: Double

    public init(second: Int64, count: Int, p99: Double, max: Double) {
        self.second = second
        self.count = count
        self.p99 = p99
        self.max = max
    }
}
