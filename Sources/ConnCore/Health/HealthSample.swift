/// One probe's result: an immutable snapshot the dashboard renders and the history keeps.
public struct HealthSample: Sendable, Equatable {
    /// Wall-clock seconds (UTC) when the probe started.
    public var time: Double
    /// The PING round trip; nil when PING got no answer.
    public var pingSeconds: Double?
    /// nil when INFO could not be read.
    public var info: ServerInfo?
    public var status: HealthStatus
    /// What went wrong talking to the server (connect, PING or INFO), if anything did.
    public var error: String?

    public init(time: Double, pingSeconds: Double?, info: ServerInfo?, status: HealthStatus, error: String?) {
        self.time = time
        self.pingSeconds = pingSeconds
        self.info = info
        self.status = status
        self.error = error
    }
}
