/// One measured duration, converted once (outside any lock) for every histogram it goes into.
struct LatencySample: Sendable {
    /// Durations are counted in whole microseconds up to this ceiling, one hour: longer than any
    /// timeout a person sets on purpose, and cheap (each doubling of the range adds 1024
    /// counters at 3 digits). A longer wait, such as a BLPOP 0 left for a night, is still
    /// counted, at the ceiling; exact maxima and sums are kept beside the histograms.
    static let ceilingMicroseconds: UInt64 = 3_600_000_000

    /// Exact seconds, as measured. NaN and negative durations (a caller's clock stepping back)
    /// count as 0; +infinity counts as the ceiling.
    let seconds: Double
    /// Rounded to the microsecond and clamped to the ceiling.
    let microseconds: UInt64

    init(seconds measured: Double) {
        let ceiling = Self.ceilingMicroseconds
        let micros = measured * 1_000_000
        if micros >= Double(ceiling) {
            microseconds = ceiling
            seconds = measured.isFinite ? measured : Double(ceiling) / 1_000_000
        } else if micros > 0 {
            microseconds = UInt64(micros.rounded())
            seconds = measured
        } else {
            // Also where NaN lands: every comparison with it is false.
            microseconds = 0
            seconds = 0
        }
    }
}
