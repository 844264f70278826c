import Glibc

/// A point on the monotonic clock after which an operation gives up.
public struct Deadline: Sendable, Comparable {
    public let nanoseconds: UInt64

    public static func now() -> Deadline {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Deadline(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
    }

    public static func after(seconds: Double) -> Deadline {
        let delta = UInt64(max(0, seconds) * 1_000_000_000)
        return Deadline(nanoseconds: now().nanoseconds &+ delta)
    }

    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// Milliseconds left, for poll(2); 0 once passed.
    public var remainingMilliseconds: Int32 {
        let current = Deadline.now().nanoseconds
        guard nanoseconds > current else { return 0 }
        return Int32(clamping: (nanoseconds - current + 999_999) / 1_000_000)
    }

    public var hasPassed: Bool { Deadline.now() >= self }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Seconds elapsed since `start`.
    public static func seconds(since start: Deadline) -> Double {
        Double(now().nanoseconds &- start.nanoseconds) / 1_000_000_000
    }
}
