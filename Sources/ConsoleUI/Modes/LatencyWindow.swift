/// The samples of one `--latency` window, kept the way redis-cli keeps them (whole milliseconds
/// for min, max and average, so its numbers match), plus a histogram of microseconds for the
/// percentiles redis-cli lacks. Pure: the driver feeds it measured round trips.
public struct LatencyWindow: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var minMilliseconds: Int64 = 0
    public private(set) var maxMilliseconds: Int64 = 0
    public private(set) var totalMilliseconds: Int64 = 0
    private var histogram = MicrosecondHistogram()

    public init() {}

    /// One sample: `milliseconds` as redis-cli measures it (difference of two whole-millisecond
    /// clock readings), `microseconds` the precise round trip.
    public mutating func add(milliseconds: Int64, microseconds: Int64) {
        count += 1
        if count == 1 {
            minMilliseconds = milliseconds
            maxMilliseconds = milliseconds
        } else {
            minMilliseconds = Swift.min(minMilliseconds, milliseconds)
            maxMilliseconds = Swift.max(maxMilliseconds, milliseconds)
        }
        totalMilliseconds += milliseconds
        histogram.add(microseconds)
    }

    public var averageMilliseconds: Double { count == 0 ? 0 : Double(totalMilliseconds) / Double(count) }

    /// The `q`-quantile (0...1) in milliseconds, at 0.01 ms resolution below 100 ms.
    public func percentileMilliseconds(_ q: Double) -> Double {
        Double(histogram.quantile(q)) / 1000
    }

    public mutating func reset() { self = LatencyWindow() }
}

/// Constant-memory quantiles: 10 µs buckets up to 100 ms, then 1 ms buckets up to 100 s, so a
/// `--latency` left running for days stays small.
struct MicrosecondHistogram: Sendable, Equatable {
    static let fineStep: Int64 = 10
    static let fineLimit: Int64 = 100_000
    static let coarseStep: Int64 = 1_000
    static let coarseLimit: Int64 = 100_000_000
    private var fine = [Int](repeating: 0, count: Int(fineLimit / fineStep))
    private var coarse = [Int](repeating: 0, count: Int((coarseLimit - fineLimit) / coarseStep) + 1)
    private(set) var total = 0

    mutating func add(_ microseconds: Int64) {
        let value = Swift.max(0, microseconds)
        total += 1
        if value < Self.fineLimit {
            fine[Int(value / Self.fineStep)] += 1
        } else {
            coarse[Int(Swift.min(value - Self.fineLimit, Self.coarseLimit - Self.fineLimit) / Self.coarseStep)] += 1
        }
    }

    /// The lower edge of the bucket holding the rank-`ceil(q * total)` sample; 0 when empty.
    func quantile(_ q: Double) -> Int64 {
        guard total > 0 else { return 0 }
        let rank = Swift.max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for (index, count) in fine.enumerated() where count > 0 {
            seen += count
            if seen >= rank { return Int64(index) * Self.fineStep }
        }
        for (index, count) in coarse.enumerated() where count > 0 {
            seen += count
            if seen >= rank { return Self.fineLimit + Int64(index) * Self.coarseStep }
        }
        return Self.coarseLimit
    }
}
