/// When a server that answers is still worth a look.
public struct HealthThresholds: Sendable, Equatable {
    /// A PING slower than this is reported (seconds).
    public var slowPingSeconds: Double
    /// Memory use above this share of `maxmemory` is reported (evictions or OOM errors are close).
    public var memoryUseFraction: Double
    /// Fragmentation above this ratio is reported...
    public var fragmentationRatio: Double
    /// ...but only above this much used memory: a nearly empty server always shows a large ratio.
    public var fragmentationMinimumUsedMemory: Int

    public init(slowPingSeconds: Double = 0.1, memoryUseFraction: Double = 0.9,
                fragmentationRatio: Double = 1.5, fragmentationMinimumUsedMemory: Int = 64 * 1024 * 1024) {
        self.slowPingSeconds = slowPingSeconds
        self.memoryUseFraction = memoryUseFraction
        self.fragmentationRatio = fragmentationRatio
        self.fragmentationMinimumUsedMemory = fragmentationMinimumUsedMemory
    }
}

/// What a probe's PING got.
public enum PingOutcome: Sendable, Equatable {
    case replied(seconds: Double)
    /// The server answered with an error reply (`LOADING`, `MASTERDOWN`, ...).
    case errorReply(String)
    /// No answer: could not connect, or the connection broke or timed out.
    case failed(String)
}

/// What a probe's INFO got.
public enum InfoOutcome: Sendable, Equatable {
    case parsed(ServerInfo)
    /// Why there are no facts: an error reply, a reply that is not text, a broken connection.
    case unusable(String)
}

/// Decides a probe's status. Pure, so every rule is tested without a server; counters are
/// judged against the previous INFO because only their growth says something happened now.
public enum HealthAssessment {
    public static func status(ping: PingOutcome, info: InfoOutcome?, previous: ServerInfo?,
                              thresholds: HealthThresholds = HealthThresholds()) -> HealthStatus {
        var reasons: [String] = []
        switch ping {
        case .failed(let message):
            return .down(reason: message)
        case .errorReply(let message):
            return .down(reason: "PING was answered with an error: \(message)")
        case .replied(let seconds) where seconds > thresholds.slowPingSeconds:
            reasons.append("PING took \(Figures.milliseconds(seconds)) (slow above \(Figures.milliseconds(thresholds.slowPingSeconds)))")
        case .replied:
            break
        }
        switch info {
        case .parsed(let current):
            reasons += serverReasons(current, previous: previous, thresholds: thresholds)
        case .unusable(let why):
            reasons.append(why)
        case nil:
            break
        }
        return reasons.isEmpty ? .ok : .degraded(reasons: reasons)
    }

    private static func serverReasons(_ info: ServerInfo, previous: ServerInfo?,
                                      thresholds: HealthThresholds) -> [String] {
        var reasons: [String] = []
        if info.loading == true {
            reasons.append("the server is still loading its dataset into memory")
        }
        reasons += info.persistenceErrors.map { "persistence error: \($0)" }
        if info.isReplica, let link = info.masterLinkStatus, link != "up" {
            let master = "\(info.masterHost ?? "?"):\(info.masterPort.map(String.init) ?? "?")"
            reasons.append("this replica's link to its primary \(master) is \(link)")
        }
        if let previous {
            let rejected = growth(info, previous, \.rejectedConnections)
            if rejected > 0 {
                reasons.append("\(count(rejected, "client connection")) rejected since the last check (maxclients reached?)")
            }
            let evicted = growth(info, previous, \.evictedKeys)
            if evicted > 0 {
                reasons.append("\(count(evicted, "key")) evicted since the last check: memory is full")
            }
        }
        if let used = info.usedMemory, let limit = info.maxMemory, limit > 0,
           Double(used) > Double(limit) * thresholds.memoryUseFraction {
            let percent = Figures.decimal(Double(used) / Double(limit) * 100, places: 0)
            reasons.append("memory use is \(percent)% of maxmemory (\(Figures.bytes(used)) of \(Figures.bytes(limit)))")
        }
        if let ratio = info.fragmentationRatio, let used = info.usedMemory,
           ratio > thresholds.fragmentationRatio, used > thresholds.fragmentationMinimumUsedMemory {
            reasons.append("memory fragmentation ratio is \(Figures.decimal(ratio, places: 2)) "
                + "(above \(Figures.decimal(thresholds.fragmentationRatio, places: 2))) with \(Figures.bytes(used)) used")
        }
        return reasons
    }

    /// How much a counter grew since `previous`. A counter that went back (restart or
    /// CONFIG RESETSTAT) started again from zero, so all of its current value is new.
    static func growth(_ current: ServerInfo, _ previous: ServerInfo, _ counter: KeyPath<ServerInfo, Int?>) -> Int {
        guard let now = current[keyPath: counter], let before = previous[keyPath: counter] else { return 0 }
        let restarted = (current.uptimeSeconds ?? .max) < (previous.uptimeSeconds ?? 0)
        return restarted || now < before ? now : now - before
    }

    /// "1 key was" / "3 keys were".
    private static func count(_ value: Int, _ noun: String) -> String {
        value == 1 ? "1 \(noun) was" : "\(value) \(noun)s were"
    }
}
