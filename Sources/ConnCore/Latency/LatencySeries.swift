/// The last `capacity` wall-clock seconds of latency, for sparklines. A ring keyed by unix second:
/// second s lives in slot s mod capacity, and a newer second empties the slot it lands on, so
/// nothing needs a timer. A slot is a small histogram (2 significant digits, 32-bit counts:
/// about 13 KB, made on first use) because a second's p99 must be read, not averaged.
struct LatencySeries: Sendable {
    let capacity: Int
    /// The second each slot holds, `Int64.min` while unused. Kept apart from the histograms so
    /// that checking a slot reads an integer instead of copying (retaining) a histogram.
    private var slotSeconds: [Int64]
    private var slots: [LatencyHistogram<UInt32>?]

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        slotSeconds = Array(repeating: .min, count: self.capacity)
        slots = Array(repeating: nil, count: self.capacity)
    }

    mutating func record(_ sample: LatencySample, second: Int64) {
        let index = slotIndex(second)
        let held = slotSeconds[index]
        if held > second {
            // The slot already belongs to a later second: this one has left the ring. It still
            // counts in the overall and per-command figures.
            return
        }
        if held < second {
            slotSeconds[index] = second
            if slots[index] == nil {
                slots[index] = LatencyHistogram(significantDigits: .two)
            } else {
                slots[index]!.reset()
            }
        }
        // Mutated in place through the optional: copying it would copy the histogram.
        slots[index]!.record(sample)
    }

    /// `length` consecutive seconds ending with `last`, oldest first, quiet ones with count 0.
    /// Never longer than `capacity`: anything older has been overwritten.
    func seconds(endingAt last: Int64, length: Int) -> [LatencySecond] {
        let length = min(max(0, length), capacity)
        return (0..<length).map { offset in
            let second = last - Int64(length - 1 - offset)
            let index = slotIndex(second)
            guard slotSeconds[index] == second, let latencies = slots[index] else {
                return LatencySecond(second: second, count: 0, p99: 0, max: 0)
            }
            return LatencySecond(second: second, count: Int(latencies.count),
                                 p99: latencies.seconds(atPercentiles: [99])[0], max: latencies.maxSeconds)
        }
    }

    mutating func reset() {
        slotSeconds = Array(repeating: .min, count: capacity)
        slots = Array(repeating: nil, count: capacity)
    }

    private func slotIndex(_ second: Int64) -> Int {
        let remainder = Int(second % Int64(capacity))
        return remainder < 0 ? remainder + capacity : remainder
    }
}
