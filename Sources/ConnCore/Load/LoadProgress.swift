/// Where a load run stands: an immutable value a UI can take at any rate without waiting on
/// the network. "Replies" counts commands answered by the server, error replies included;
/// `errors` counts error replies by their first word and commands with no reply by failure kind.
public struct LoadProgress: Sendable, Equatable {
    /// The last complete report window.
    public struct Window: Sendable, Equatable {
        /// 0 for the first window; -1 before one has ended.
        public var index: Int
        public var replies: Int
        public var opsPerSecond: Double
        public var latency: LatencyPercentiles

        public init(index: Int, replies: Int, opsPerSecond: Double, latency: LatencyPercentiles) {
            self.index = index
            self.replies = replies
            self.opsPerSecond = opsPerSecond
            self.latency = latency
        }
    }

    public var elapsed: Double
    public var running: Bool
    public var replies: Int
    public var errors: [String: Int]
    public var perCommand: [LoadCommand: Int]
    /// Replies per second since the start.
    public var opsPerSecond: Double
    public var latency: LatencyPercentiles
    public var window: Window

    public init(elapsed: Double, running: Bool, replies: Int, errors: [String: Int], perCommand: [LoadCommand: Int],
                opsPerSecond: Double, latency: LatencyPercentiles, window: Window) {
        self.elapsed = elapsed
        self.running = running
        self.replies = replies
        self.errors = errors
        self.perCommand = perCommand
        self.opsPerSecond = opsPerSecond
        self.latency = latency
        self.window = window
    }

    public var errorCount: Int { errors.values.reduce(0, +) }
}
