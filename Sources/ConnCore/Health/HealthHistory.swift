/// The last `capacity` health samples, oldest first: enough for a dashboard sparkline, bounded
/// so a prober left running for days keeps constant memory.
public struct HealthHistory: Sendable, Equatable {
    public let capacity: Int
    /// Oldest first.
    public private(set) var samples: [HealthSample] = []

    public init(capacity: Int = 120) {
        self.capacity = max(1, capacity)
        samples.reserveCapacity(self.capacity)
    }

    /// Adds the newest sample, dropping the oldest once full. Shifting a hundred or so
    /// elements a probe costs nothing next to a network round trip, and keeps the order plain.
    public mutating func append(_ sample: HealthSample) {
        if samples.count == capacity {
            samples.removeFirst()
        }
        samples.append(sample)
    }

    public var latest: HealthSample? { samples.last }

    /// The newest sample that carries INFO: counters are compared against it, so one failed
    /// probe in between does not hide what grew meanwhile.
    public var latestInfo: ServerInfo? {
        samples.last { $0.info != nil }?.info
    }
}
