import ConnCore

/// `--stats`: a statistics snapshot as text lines for people. Pure: the snapshot carries the
/// time, so the output is tested from fixed values.
public enum StatsReport {
    public static func render(_ snapshot: StatisticsSnapshot) -> [String] {
        var lines = ["--- \(UTCDate.format(Int64(snapshot.time))) \(snapshot.endpoint)"]
        lines += pool(snapshot.pool)
        lines += health(snapshot.health)
        lines += tls(snapshot)
        lines += latency(snapshot.latency)
        let recent = snapshot.events.suffix(5)
        if !recent.isEmpty {
            lines.append("events    last \(recent.count) of \(snapshot.events.count):")
            lines += recent.map { "  \(UTCDate.format(Int64($0.time))) \($0.kind.rawValue): \($0.message)" }
        }
        return lines
    }

    static func pool(_ pool: PoolStats) -> [String] {
        [
            "pool      \(pool.inUse)/\(pool.maxSize) in use, \(pool.idle) idle, \(pool.open) open, \(pool.waiters) waiting"
                + (pool.opening > 0 ? ", \(pool.opening) opening" : "") + (pool.checking > 0 ? ", \(pool.checking) being checked" : ""),
            "          created \(pool.created), closed \(pool.closed) (\(pool.closedSummary)), open failures \(pool.openFailures)",
            "          acquire wait p50 \(ms(pool.acquireWaitP50)) p99 \(ms(pool.acquireWaitP99)) over \(pool.acquireCount), "
                + "exhausted \(pool.exhaustedCount), peak in use \(pool.peakInUse)",
        ]
    }

    static func health(_ history: [HealthSample]) -> [String] {
        guard let latest = history.last else { return ["health    not probed yet"] }
        var lines = ["health    \(latest.status.summary)" + (latest.pingSeconds.map { ", PING \(ms($0))" } ?? "")]
        if let info = latest.info {
            var facts: [String] = []
            if let version = info.version { facts.append("redis \(version)") }
            if let role = info.role { facts.append(role) }
            if let uptime = info.uptimeSeconds { facts.append("up \(duration(uptime))") }
            if let clients = info.connectedClients { facts.append("\(clients) clients (\(info.blockedClients ?? 0) blocked)") }
            if let memory = info.usedMemory { facts.append("memory \(bytes(memory))" + (info.fragmentationRatio.map { " frag \(fixed($0, 2))" } ?? "")) }
            if let ops = info.opsPerSecond { facts.append("\(ops) ops/s") }
            if let rate = info.hitRate { facts.append("hit rate \(fixed(rate * 100, 1))%") }
            lines.append("          " + facts.joined(separator: ", "))
        }
        let pings = history.compactMap(\.pingSeconds)
        if pings.count > 1 { lines.append("          PING over \(pings.count) probes: " + Sparkline.render(pings)) }
        return lines
    }

    static func tls(_ snapshot: StatisticsSnapshot) -> [String] {
        guard snapshot.isTLS else { return ["tls       PLAINTEXT: traffic, password included, travels unencrypted"] }
        guard let session = snapshot.tls.latest else { return ["tls       no connection yet"] }
        var lines = [
            "tls       \(session.version) \(session.cipher), handshake \(ms(snapshot.tls.meanHandshakeSeconds)) mean, "
                + "resumed \(snapshot.tls.resumed)/\(snapshot.tls.handshakes) (\(fixed(snapshot.tls.resumptionRate * 100, 0))%)",
        ]
        for (index, status) in snapshot.serverCertificates.enumerated() {
            lines.append("cert[\(index)]   \(status.certificate.subject): \(expiry(status))")
        }
        if let client = snapshot.clientCertificate {
            lines.append("client    \(client.certificate.subject): \(expiry(client))")
        }
        return lines
    }

    static func latency(_ summary: LatencySummary) -> [String] {
        let overall = summary.overall
        guard overall.count > 0 else { return ["latency   no commands yet"] }
        var lines = ["latency   \(percentiles(overall))"]
        for command in summary.perCommand.prefix(5) {
            lines.append("  \(command.name.padding(9))\(percentiles(command.latency))")
        }
        let perSecond = summary.perSecond.map { Double($0.count) }
        if perSecond.contains(where: { $0 > 0 }) { lines.append("          commands/s: " + Sparkline.render(perSecond)) }
        return lines
    }

    static func percentiles(_ value: LatencyPercentiles) -> String {
        "p50 \(ms(value.p50)) p90 \(ms(value.p90)) p99 \(ms(value.p99)) p99.9 \(ms(value.p999)) max \(ms(value.max)) n=\(value.count)"
    }

    static func expiry(_ status: CertificateStatus) -> String {
        switch status.level {
        case .ok: return "\(status.daysLeft) days left (ok)"
        case .warning: return "\(status.daysLeft) days left (WARNING)"
        case .critical: return "\(status.daysLeft) days left (CRITICAL)"
        case .expired: return "EXPIRED or not yet valid"
        }
    }

    // MARK: numbers

    static func ms(_ seconds: Double) -> String { fixed(seconds * 1000, seconds < 0.01 ? 2 : 1) + " ms" }

    static func fixed(_ value: Double, _ decimals: Int) -> String { Figures.decimal(value, places: decimals) }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "K", "M", "G", "T"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count)B" : fixed(value, 2) + units[unit]
    }

    static func duration(_ seconds: Int) -> String {
        if seconds < 120 { return "\(seconds)s" }
        if seconds < 7200 { return "\(seconds / 60)m" }
        if seconds < 172_800 { return "\(seconds / 3600)h" }
        return "\(seconds / 86400)d"
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
