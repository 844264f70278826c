/// `--rate`: spaces operations evenly across all workers. A pure value with the time passed in:
/// each reservation of `count` operations gets the slot `max(next, now)` and moves `next` on by
/// `count / rate`; the caller waits until its slot. Time lost to a stall is not made up with a
/// burst, so over any run `operations <= rate * elapsed + one reservation per worker`.
public struct LoadPacer: Sendable, Equatable {
    /// Operations per second, all workers together; nil: no limit.
    public let rate: Double?
    private var nextSlot: Double?

    public init(rate: Double?) {
        self.rate = rate.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Seconds to wait before sending `count` operations at time `now` (0: send now).
    public mutating func reserve(_ count: Int, now: Double) -> Double {
        guard let rate else { return 0 }
        let slot = Swift.max(nextSlot ?? now, now)
        nextSlot = slot + Double(count) / rate
        return slot - now
    }
}
