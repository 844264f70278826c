import Synchronization

/// Checks the server every `interval` seconds (PING, then INFO) and keeps the samples.
/// It has a connection of its own, never one from a pool: an exhausted pool must not stop
/// health checks, and a check must not wait behind user commands.
///
///     let prober = HealthProber(factory: factory, interval: 2, events: log)
///     prober.start()          // a background thread probes until stop()
///     prober.latest?.status   // what the dashboard shows
///     prober.stop()
public final class HealthProber: Sendable {
    public let interval: Double
    private let probe: Probe
    private let task: PeriodicTask

    public init(factory: ConnectionFactory, interval: Double, thresholds: HealthThresholds = HealthThresholds(),
                capacity: Int = 120, events: EventLog? = nil) {
        // Zero or less would spin, and a deadline cannot hold more than a few centuries:
        // 10 ms to a day covers every sensible schedule.
        self.interval = interval.isNaN ? 1 : min(max(interval, 0.01), 86_400)
        let probe = Probe(factory: factory, thresholds: thresholds, capacity: capacity, events: events)
        self.probe = probe
        // The thread gets the probe, not this object, so dropping the prober runs deinit.
        self.task = PeriodicTask(interval: self.interval) { _ = probe.once() }
    }

    /// Waits at most for a probe in progress, which its connect and operation timeouts bound.
    deinit {
        task.stop()
    }

    /// Probes now, on the calling thread; concurrent callers take turns.
    @discardableResult
    public func probeOnce() -> HealthSample {
        probe.once()
    }

    /// Probes every `interval` seconds on a background thread; does nothing if already started.
    public func start() {
        task.start()
    }

    /// Wakes the thread and waits for it to finish; safe to call twice.
    public func stop() {
        task.stop()
    }

    /// Oldest first.
    public func history() -> [HealthSample] {
        probe.history.withLock { $0.samples }
    }

    public var latest: HealthSample? {
        probe.history.withLock { $0.latest }
    }
}

/// One probe's work, shared by `probeOnce()` callers and the background thread.
private final class Probe: Sendable {
    let factory: ConnectionFactory
    let thresholds: HealthThresholds
    let events: EventLog?
    /// Held for a whole probe: it serializes probes and confines the non-Sendable connection.
    private let connection = Mutex<RedisConnection?>(nil)
    /// Held only to read or append, so readers never wait behind a network round trip.
    let history: Mutex<HealthHistory>

    init(factory: ConnectionFactory, thresholds: HealthThresholds, capacity: Int, events: EventLog?) {
        self.factory = factory
        self.thresholds = thresholds
        self.events = events
        self.history = Mutex(HealthHistory(capacity: capacity))
    }

    func once() -> HealthSample {
        connection.withLock { connection in
            let time = WallClock.now()
            let ping = ping(&connection)
            var info: InfoOutcome?
            if case .replied = ping, let live = connection {
                info = readInfo(live)
            }
            let (previousStatus, previousInfo) = history.withLock { ($0.latest?.status, $0.latestInfo) }
            let status = HealthAssessment.status(ping: ping, info: info, previous: previousInfo, thresholds: thresholds)
            let sample = HealthSample(time: time, pingSeconds: ping.seconds, info: info?.info, status: status,
                                      error: ping.problem ?? info?.problem)
            history.withLock { $0.append(sample) }
            // Recorded under the probe lock so concurrent probes log transitions in order.
            report(status, after: previousStatus)
            return sample
        }
    }

    /// PINGs, connecting first when there is no usable connection. A kept connection that
    /// turns out dead (an idle timeout, a restart since the last probe) gets one fresh
    /// connection before the server is called down: a stale socket says nothing about the server.
    /// A timeout does not: the server is slow, and asking again would only double the wait.
    private func ping(_ connection: inout RedisConnection?) -> PingOutcome {
        if let kept = connection, !kept.isBroken {
            do {
                return try timedPing(kept)
            } catch where error.kind != .timeout {
                // Broken (TLS reports a reset as .tls, a clean close as .io): try a fresh one.
            } catch {
                connection = nil
                return .failed(error.message)
            }
        }
        connection = nil
        do {
            let fresh = try factory.connect()
            connection = fresh
            return try timedPing(fresh)
        } catch {
            connection = nil
            return .failed(error.message)
        }
    }

    /// Times the round trip alone, on the monotonic clock; connecting is not part of it.
    private func timedPing(_ connection: RedisConnection) throws(ConsoleError) -> PingOutcome {
        let start = Deadline.now()
        let reply = try connection.request(["PING"])
        let seconds = Deadline.seconds(since: start)
        if case .error(let bytes) = reply {
            return .errorReply(String(decoding: bytes, as: UTF8.self))
        }
        return .replied(seconds: seconds)
    }

    /// INFO, read defensively: whatever comes back becomes a reason, never a crash.
    private func readInfo(_ connection: RedisConnection) -> InfoOutcome {
        let reply: RESPValue
        do {
            reply = try connection.request(["INFO"])
        } catch {
            return .unusable("INFO failed: \(error.message)")
        }
        switch reply {
        case .bulkString(let bytes):
            let info = ServerInfo.parse(String(decoding: bytes, as: UTF8.self))
            // A proxy or a look-alike may answer with text that holds none of Redis' fields.
            return info == ServerInfo() ? .unusable("INFO answered with no field this console knows") : .parsed(info)
        case .error(let bytes):
            return .unusable("INFO was refused: \(String(decoding: bytes, as: UTF8.self))")
        case .simpleString:
            return .unusable("INFO answered with a status reply instead of text")
        case .integer:
            return .unusable("INFO answered with an integer instead of text")
        case .null:
            return .unusable("INFO answered with nil instead of text")
        case .array:
            return .unusable("INFO answered with an array instead of text")
        }
    }

    /// An event when the label changes, and for a first sample that is not ok.
    private func report(_ status: HealthStatus, after previous: HealthStatus?) {
        guard let events else { return }
        if let previous {
            guard previous.label != status.label else { return }
            events.record(.health, "health: \(previous.label) -> \(status.summary)")
        } else if status != .ok {
            events.record(.health, "health: \(status.summary)")
        }
    }
}

private extension PingOutcome {
    var seconds: Double? {
        if case .replied(let seconds) = self { return seconds }
        return nil
    }

    var problem: String? {
        switch self {
        case .replied: return nil
        case .errorReply(let message), .failed(let message): return message
        }
    }
}

private extension InfoOutcome {
    var info: ServerInfo? {
        if case .parsed(let info) = self { return info }
        return nil
    }

    var problem: String? {
        if case .unusable(let why) = self { return why }
        return nil
    }
}
