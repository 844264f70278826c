import ConnCore

/// What a meta command prints: text lines for people, or with `--json` one line holding one JSON
/// object (`MetaCommandJSON`). Pure: everything comes from the snapshot and the configuration,
/// so the output is tested from fixed values. Figures use `StatsReport`'s formats, so `:pool`
/// and `--stats` read the same.
public enum MetaCommandRenderer {
    public static func render(_ meta: MetaCommand, snapshot: StatisticsSnapshot, configuration: LoadedConfiguration) -> [String] {
        if meta.json {
            return [MetaCommandJSON.render(meta.kind, snapshot: snapshot, configuration: configuration).serialized()]
        }
        switch meta.kind {
        case .pool: return pool(snapshot, settings: configuration.pool)
        case .health: return health(snapshot)
        case .cert: return certificates(snapshot)
        case .tls: return tls(snapshot)
        case .latency: return latency(snapshot.latency)
        case .retries: return events(snapshot)
        case .config: return ConfigurationRenderer.render(configuration)
        case .help: return help()
        }
    }

    /// The REPL's own commands, for `:help` (text and JSON).
    public static let consoleCommands: [(usage: String, summary: String)] = [
        ("connect host port", "connect to another server, with the same TLS settings and credentials"),
        ("clear", "clear the screen"),
        ("quit, exit", "leave the console"),
        ("N COMMAND", "run COMMAND N times, e.g. 3 INCR counter"),
        ("HELP command", "the summary and arguments of a Redis command"),
        ("HELP @group", "the commands of a group, e.g. HELP @string"),
    ]

    /// How many health samples and events the text forms list.
    static let recentProbes = 10
    static let recentEvents = 30

    // MARK: blocks

    static func pool(_ snapshot: StatisticsSnapshot, settings: PoolSettings) -> [String] {
        let pool = snapshot.pool
        return StatsReport.pool(pool) + [
            "          peak \(pool.peakInUse) in use, \(pool.peakWaiters) waiting; \(pool.cancelledWaits) waits cancelled",
            "settings  max \(settings.maxSize), acquire timeout \(seconds(settings.acquireTimeout)), "
                + "min idle \(settings.minIdle), idle check every \(seconds(settings.healthInterval))",
        ]
    }

    static func health(_ snapshot: StatisticsSnapshot) -> [String] {
        let history = snapshot.health
        guard let latest = history.last else { return StatsReport.health(history) }
        // StatsReport's status line, then when and why, then its facts and PING sparkline.
        var lines = StatsReport.health(history)
        var details = ["          probed \(UTCDate.format(Int64(latest.time)))"]
        switch latest.status {
        case .ok: break
        case .degraded(let reasons): details += reasons.map { "          - \($0)" }
        case .down(let reason): details.append("          - \(reason)")
        }
        if let error = latest.error { details.append("          error: \(error)") }
        lines.insert(contentsOf: details, at: 1)
        lines.append("recent probes, newest last:")
        for sample in history.suffix(recentProbes) {
            let ping = sample.pingSeconds.map { "PING \(StatsReport.ms($0))" } ?? "no PING answer"
            lines.append("  \(UTCDate.format(Int64(sample.time)))  \(sample.status.label.padding(9))\(ping)")
        }
        return lines
    }

    static func certificates(_ snapshot: StatisticsSnapshot) -> [String] {
        guard snapshot.isTLS else { return ["no certificates: the connection is not TLS (PLAINTEXT)"] }
        var lines: [String] = []
        if snapshot.serverCertificates.isEmpty {
            lines.append("server chain: none seen yet (no TLS connection so far)")
        } else {
            lines.append("server chain, \(snapshot.serverCertificates.count) certificate(s), leaf first:")
            for (index, status) in snapshot.serverCertificates.enumerated() {
                lines += certificate(status, label: "[\(index)]")
            }
        }
        if let client = snapshot.clientCertificate {
            lines.append("client certificate:")
            lines += certificate(client, label: "   ")
        } else {
            lines.append("client certificate: none configured")
        }
        return lines
    }

    private static func certificate(_ status: CertificateStatus, label: String) -> [String] {
        let certificate = status.certificate
        let names = certificate.subjectAlternativeNames.isEmpty ? "(none)" : certificate.subjectAlternativeNames.joined(separator: ", ")
        return [
            "\(label) subject    \(certificate.subject)",
            "    issuer     \(certificate.issuer)" + (certificate.isSelfSigned ? " (self-signed)" : ""),
            "    names      \(names)",
            "    not after  \(UTCDate.format(certificate.notAfter)): \(StatsReport.expiry(status))",
        ]
    }

    static func tls(_ snapshot: StatisticsSnapshot) -> [String] {
        guard snapshot.isTLS, let session = snapshot.tls.latest else { return StatsReport.tls(snapshot).prefix(1).map { $0 } }
        let statistics = snapshot.tls
        let verified = session.verifiedName.map { "host name \($0) verified" } ?? "host name NOT verified (--insecure)"
        return [
            "tls       \(session.version), cipher \(session.cipher)",
            "          handshake \(StatsReport.ms(statistics.meanHandshakeSeconds)) mean over \(statistics.handshakes), "
                + "last \(StatsReport.ms(session.handshakeSeconds))" + (session.resumed ? " (resumed)" : ""),
            "          resumed \(statistics.resumed)/\(statistics.handshakes) "
                + "(\(StatsReport.fixed(statistics.resumptionRate * 100, 0))% of handshakes skipped the full exchange)",
            "          \(verified), SNI \(session.serverNameIndication ?? "not sent")",
        ]
    }

    static func latency(_ summary: LatencySummary) -> [String] {
        guard summary.overall.count > 0 else { return ["latency   no commands yet"] }
        let rows = [("(all)", summary.overall)] + summary.perCommand.map { ($0.name, $0.latency) }
        let header = ["command", "count", "p50", "p90", "p99", "p99.9", "max"]
        let cells = rows.map { name, value in
            [name, String(value.count)] + [value.p50, value.p90, value.p99, value.p999, value.max].map(StatsReport.ms)
        }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.enumerated().map { column, text in
                let pad = String(repeating: " ", count: widths[column] - text.count)
                return column == 0 ? text + pad : pad + text
            }.joined(separator: "  ")
        }
        return ["latency, client side (sent to reply read):", line(header)] + cells.map(line)
    }

    static func events(_ snapshot: StatisticsSnapshot) -> [String] {
        let events = snapshot.events
        guard !events.isEmpty else { return ["events    none: no retries, reconnects or failures so far"] }
        func count(_ kind: ConsoleEvent.Kind) -> Int { events.filter { $0.kind == kind }.count }
        var lines = [
            "events    \(count(.retry)) retries, \(count(.outcome)) outcomes after retries, \(count(.connect)) connections opened, "
                + "\(count(.connectFailed)) failed to open, \(count(.closed)) closed, \(count(.exhausted)) pool exhausted",
        ]
        let recent = events.suffix(recentEvents)
        lines.append(recent.count < events.count ? "last \(recent.count) of \(events.count), oldest first:" : "oldest first:")
        lines += recent.map { "  \(UTCDate.format(Int64($0.time)))  \($0.kind.rawValue.padding(13))\($0.message)" }
        return lines
    }

    static func help() -> [String] {
        var lines = ["meta commands (add --json for one JSON object):"]
        lines += MetaCommand.Kind.allCases.map { "  \((":" + $0.rawValue).padding(10))\($0.summary)" }
        lines += MetaCommand.actions.map { "  \((":" + $0.name).padding(10))\($0.summary)" }
        lines.append("console commands:")
        let width = consoleCommands.map(\.usage.count).max() ?? 0
        lines += consoleCommands.map { "  \($0.usage.padding(width + 2))\($0.summary)" }
        return lines
    }

    /// `5 s`, `0.5 s`.
    static func seconds(_ value: Double) -> String {
        StatsReport.fixed(value, value == value.rounded() ? 0 : (value * 10 == (value * 10).rounded() ? 1 : 2)) + " s"
    }
}
