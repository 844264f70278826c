import ConnCore

/// Each pane's lines, most important first, for a content `width`; values like htop's meters:
/// computed from the snapshot alone, cut to the pane's height by the renderer.
enum DashboardPanes {
    static func lines(_ pane: DashboardPane, _ statistics: StatisticsSnapshot, width: Int, height: Int) -> [StyledLine] {
        switch pane {
        case .pool: return pool(statistics.pool, width: width)
        case .health: return health(statistics, width: width)
        case .certificate: return certificate(statistics)
        case .latency: return latency(statistics.latency, width: width, height: height)
        case .events: return events(statistics.events, height: height)
        }
    }

    // MARK: pool

    static func pool(_ pool: PoolStats, width: Int) -> [StyledLine] {
        let label = "in use \(pool.inUse)/\(pool.maxSize) "
        var first = StyledLine(label)
        let barWidth = min(20, width - label.count - 2)
        if barWidth >= 4, pool.maxSize > 0 {
            let filled = min(barWidth, (pool.inUse * barWidth + pool.maxSize - 1) / pool.maxSize)
            first.append("[")
            first.append(String(repeating: "█", count: filled), usageStyle(pool))
            first.append(String(repeating: "·", count: barWidth - filled), .dim)
            first.append("]")
        }
        var exhausted = StyledLine("exhausted ")
        exhausted.append("\(pool.exhaustedCount)", pool.exhaustedCount > 0 ? .warning : .normal)
        exhausted.append("  peak \(pool.peakInUse)  failed opens \(pool.openFailures)")
        var open = StyledLine("open \(pool.open)  idle \(pool.idle)  waiters ")
        open.append("\(pool.waiters)", pool.waiters > 0 ? .warning : .normal)
        return [
            first,
            open,
            StyledLine("wait p50 \(StatsReport.ms(pool.acquireWaitP50))  p99 \(StatsReport.ms(pool.acquireWaitP99))"),
            StyledLine("created \(pool.created)  closed \(pool.closed) (\(pool.closedSummary))"),
            exhausted,
        ]
    }

    static func usageStyle(_ pool: PoolStats) -> DashboardStyle {
        if pool.inUse >= pool.maxSize || pool.waiters > 0 { return .critical }
        return pool.inUse * 10 >= pool.maxSize * 7 ? .warning : .ok
    }

    // MARK: health

    static func health(_ statistics: StatisticsSnapshot, width: Int) -> [StyledLine] {
        guard let latest = statistics.health.last else { return [StyledLine("not probed yet", .dim)] }
        var status = StyledLine()
        status.append(statusWord(latest.status), style(latest.status))
        status.append(" checked \(StatsReport.duration(max(0, Int(statistics.time - latest.time)))) ago", .dim)
        var lines = [status]
        switch latest.status {
        case .ok: break
        case .degraded(let reasons): lines += reasons.map { StyledLine("  " + $0) }
        case .down(let reason): lines.append(StyledLine("  " + reason))
        }
        if let info = latest.info {
            var server: [String] = []
            if let version = info.version { server.append("redis \(version)") }
            if let role = info.role { server.append(role) }
            if let uptime = info.uptimeSeconds { server.append("up \(StatsReport.duration(uptime))") }
            lines.append(StyledLine(server.joined(separator: "  ")))
            var load: [String] = []
            if let clients = info.connectedClients { load.append("clients \(clients)") }
            if let memory = info.usedMemory { load.append("mem \(StatsReport.bytes(memory))") }
            lines.append(StyledLine(load.joined(separator: "  ")))
            var rates: [String] = []
            if let ops = info.opsPerSecond { rates.append("ops/s \(ops)") }
            if let rate = info.hitRate { rates.append("hit \(StatsReport.fixed(rate * 100, 1))%") }
            lines.append(StyledLine(rates.joined(separator: "  ")))
        }
        let pings = statistics.health.compactMap(\.pingSeconds)
        if let last = pings.last {
            let text = " \(StatsReport.ms(last))"
            var line = StyledLine("PING ")
            line.append(Sparkline.render(Array(pings.suffix(max(1, width - 5 - text.count)))), .bold)
            lines.append(line.appending(text))
        }
        return lines.filter { $0.width > 0 }
    }

    static func statusWord(_ status: HealthStatus) -> String { status.label.uppercased() }

    static func style(_ status: HealthStatus) -> DashboardStyle {
        switch status {
        case .ok: return .ok
        case .degraded: return .warning
        case .down: return .critical
        }
    }

    // MARK: certificate

    static func certificate(_ statistics: StatisticsSnapshot) -> [StyledLine] {
        guard statistics.isTLS else {
            return [StyledLine("PLAINTEXT", .critical), StyledLine("no TLS: traffic is not encrypted")]
        }
        guard let leaf = statistics.serverCertificates.first else { return [StyledLine("no certificate seen yet", .dim)] }
        let certificate = leaf.certificate
        var expiry = StyledLine(String(UTCDate.format(certificate.notAfter).prefix(10)) + ": \(leaf.daysLeft) days left ")
        expiry.append(levelWord(leaf.level), style(leaf.level))
        var chain = StyledLine("chain \(statistics.serverCertificates.count)")
        if let client = statistics.clientCertificate {
            chain.append("  client \(client.daysLeft) days ")
            chain.append(levelWord(client.level), style(client.level))
        }
        let names = certificate.subjectAlternativeNames
        let lines = [
            StyledLine(certificate.subject, .bold),
            StyledLine("issuer \(certificate.issuer)"),
            StyledLine("SAN " + (names.isEmpty ? "none" : names.joined(separator: ", "))),
            expiry,
            chain,
        ]
        return lines
    }

    static func levelWord(_ level: CertificateInfo.ExpiryLevel) -> String {
        switch level {
        case .ok: return "OK"
        case .warning: return "WARN"
        case .critical: return "CRIT"
        case .expired: return "EXPIRED"
        }
    }

    static func style(_ level: CertificateInfo.ExpiryLevel) -> DashboardStyle {
        switch level {
        case .ok: return .ok
        case .warning: return .warning
        case .critical, .expired: return .critical
        }
    }

    // MARK: latency

    static func latency(_ summary: LatencySummary, width: Int, height: Int) -> [StyledLine] {
        let overall = summary.overall
        guard overall.count > 0 else { return [StyledLine("no commands yet", .dim)] }
        var lines = [
            StyledLine("p50 \(StatsReport.ms(overall.p50))  p90 \(StatsReport.ms(overall.p90))"),
            StyledLine("p99 \(StatsReport.ms(overall.p99))  max \(StatsReport.ms(overall.max))  n=\(overall.count)"),
        ]
        let recent = summary.perSecond.suffix(60)
        var spark: StyledLine?
        if recent.contains(where: { $0.count > 0 }) {
            let line = StyledLine("p99/s ")
            spark = line.appending(Sparkline.render(recent.suffix(max(1, width - 6)).map(\.p99)), .bold)
        }
        let room = max(0, min(5, height - lines.count - (spark == nil ? 0 : 1)))
        lines += summary.perCommand.prefix(room).map { command in
            StyledLine("\(command.name.padding(8))p99 \(StatsReport.ms(command.latency.p99))  n=\(command.latency.count)")
        }
        if let spark { lines.append(spark) }
        return lines
    }

    // MARK: events

    /// The newest `height`, newest at the bottom. A run of identical events (fifty workers
    /// each retried the same way) is one line with its count, so one fault cannot push every
    /// other event out of the pane.
    static func events(_ events: [ConsoleEvent], height: Int) -> [StyledLine] {
        guard !events.isEmpty else { return [StyledLine("no events yet", .dim)] }
        return coalesced(events).suffix(max(1, min(height, 10))).map { event, count in
            let clock = String(UTCDate.format(Int64(event.time)).dropFirst(11).prefix(8))
            var line = StyledLine(clock + " ", .dim)
            // The colour says the kind; the word only where the message does not start with it.
            let word = label(event.kind)
            if event.message.lowercased().hasPrefix(word) {
                line.append(event.message, style(event.kind))
            } else {
                line.append(word + ": ", style(event.kind))
                line.append(event.message)
            }
            if count > 1 { line.append(" (×\(count))", .bold) }
            return line
        }
    }

    /// Consecutive events of the same kind and message, as the last of them and how many.
    static func coalesced(_ events: [ConsoleEvent]) -> [(event: ConsoleEvent, count: Int)] {
        var runs: [(event: ConsoleEvent, count: Int)] = []
        for event in events {
            if let last = runs.last, last.event.kind == event.kind, last.event.message == event.message {
                runs[runs.count - 1] = (event, last.count + 1)
            } else {
                runs.append((event, 1))
            }
        }
        return runs
    }

    static func label(_ kind: ConsoleEvent.Kind) -> String {
        kind == .connectFailed ? "connect failed" : kind.rawValue
    }

    static func style(_ kind: ConsoleEvent.Kind) -> DashboardStyle {
        switch kind {
        case .error, .connectFailed, .exhausted: return .critical
        case .retry, .closed, .health, .fault: return .warning
        case .attempt, .outcome, .connect, .load: return .bold
        }
    }
}
