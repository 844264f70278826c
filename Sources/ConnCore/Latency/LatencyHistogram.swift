import Histogram

/// Durations of one slice of traffic: an HdrHistogram of whole microseconds (constant memory,
/// fixed relative precision) plus the exact maximum and sum, which clamping at the ceiling
/// would otherwise understate.
struct LatencyHistogram<Count: FixedWidthInteger & Codable & Sendable>: Sendable {
    private(set) var histogram: Histogram<Count>
    private(set) var maxSeconds = 0.0
    private var sumSeconds = 0.0

    init(significantDigits: SignificantDigits) {
        histogram = Histogram(lowestDiscernibleValue: 1,
                              highestTrackableValue: LatencySample.ceilingMicroseconds,
                              numberOfSignificantValueDigits: significantDigits)
    }

    var count: UInt64 { histogram.totalCount }

    var meanSeconds: Double { count == 0 ? 0 : sumSeconds / Double(count) }

    mutating func record(_ sample: LatencySample) {
        // Cannot fail: the sample is already clamped to the highest trackable value.
        histogram.record(sample.microseconds)
        maxSeconds = Swift.max(maxSeconds, sample.seconds)
        sumSeconds += sample.seconds
    }

    /// Seconds at each of `percentiles` (ascending, each in 0<..<100), in one pass over the
    /// buckets. Same answers as `Histogram.valueAtPercentile`, but that is not inlinable, and an
    /// unspecialised scan per percentile made a summary 2.5 times as slow (6 ms for 8 commands).
    /// Never more than the exact maximum (rounding to the microsecond can put a bucket above it).
    func seconds(atPercentiles percentiles: [Double]) -> [Double] {
        guard count > 0 else { return percentiles.map { _ in 0 } }
        // The rank each percentile needs, rounded up as HdrHistogram does.
        let targets = percentiles.map { percentile in
            Swift.max(1, UInt64((percentile.nextDown * Double(count) / 100).rounded(.up)))
        }
        // A bucket's top may lie above the largest value recorded (above the ceiling, even).
        let top = histogram.maxRecorded
        var results: [Double] = []
        results.reserveCapacity(targets.count)
        for bucket in histogram.recordedValues() {
            while results.count < targets.count, targets[results.count] <= bucket.totalCountToThisValue {
                results.append(Swift.min(Double(Swift.min(bucket.value, top)) / 1_000_000, maxSeconds))
            }
            if results.count == targets.count { break }
        }
        while results.count < targets.count {
            results.append(maxSeconds)
        }
        return results
    }

    mutating func reset() {
        histogram.reset()
        maxSeconds = 0
        sumSeconds = 0
    }
}
