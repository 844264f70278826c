import Glibc

/// Time for the pure state machines: seconds on some monotonic scale. Drivers pass the real
/// monotonic clock; tests pass a clock they move by hand.
public protocol SecondsClock: Sendable {
    func now() -> Double
}

public struct MonotonicClock: SecondsClock {
    public init() {}
    public func now() -> Double { Double(Deadline.now().nanoseconds) / 1_000_000_000 }
}

/// Wall-clock time (UTC seconds since 1970), for timestamps shown to people.
public enum WallClock {
    public static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1_000_000_000
    }
}
