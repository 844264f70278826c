/// `--retries`, `--retry-base`, `--retry-cap`: how often and how patiently a command that is
/// safe to send again is retried.
public struct RetrySettings: Sendable, Equatable {
    /// Retries after the first attempt; 0 turns retrying off.
    public var retries: Int = 3
    public var backoff = Backoff()

    public init() {}
}
