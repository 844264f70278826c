/// Client-side latency of a set of commands, in seconds. The percentiles come from a histogram
/// of whole microseconds kept to 3 significant digits (within 0.1%, and never finer than a
/// microsecond); durations above one hour count as one hour there. `max` and `mean` are exact.
public struct LatencyPercentiles: Sendable, Equatable {
    public var count: UInt64
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var p999: Double
    public var max: Double
    public var mean: Double

    public static let empty = LatencyPercentiles(count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0)

    public init(count: UInt64, p50: Double, p90: Double, p99: Double, p999: Double, max: Double, mean: Double) {
        self.count = count
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.mean = mean
    }

    init(_ latencies: LatencyHistogram<UInt64>) {
        let values = latencies.seconds(atPercentiles: [50, 90, 99, 99.9])
        self.init(count: latencies.count, p50: values[0], p90: values[1], p99: values[2], p999: values[3],
                  max: latencies.maxSeconds, mean: latencies.meanSeconds)
    }
}
