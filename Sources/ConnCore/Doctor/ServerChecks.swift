/// How the AUTH step went.
public enum AuthenticationOutcome: Sendable, Equatable {
    /// AUTH (with SELECT and CLIENT SETNAME) accepted; `user` nil for the default user.
    case accepted(user: String?)
    /// No password configured and the server asked for none.
    case noPassword
    case failed(ConsoleError)
}

/// Verdicts of the steps that talk to Redis once the connection is trusted. Pure.
public enum ServerChecks {
    public static func authentication(_ outcome: AuthenticationOutcome, seconds: Double) -> DoctorStep {
        switch outcome {
        case .accepted(let user):
            return DoctorStep(.authentication, .ok, seconds: seconds,
                              summary: "AUTH accepted for user '\(user ?? "default")'")
        case .noPassword:
            return DoctorStep(.authentication, .ok, seconds: seconds,
                              summary: "no password configured, and the server asked for none")
        case .failed(let error):
            var details: [DoctorField] = []
            if let cause = error.cause { details.append(DoctorField("server said", .text(cause))) }
            return DoctorStep(.authentication, .critical, seconds: seconds, summary: error.message, details: details,
                              fix: error.hint)
        }
    }

    /// - samples: seconds per PING, in the order sent.
    /// - failure: an error reply or a broken connection, which ends the sample.
    public static func ping(samples: [Double], failure: String?, thresholds: DoctorThresholds) -> DoctorStep {
        let total = samples.reduce(0, +)
        if let failure {
            return DoctorStep(.ping, .critical, seconds: total, summary: "PING failed after \(samples.count) replies: \(failure)",
                              fix: "see the error; LOADING means the server is still reading its data, wait and run again")
        }
        guard !samples.isEmpty else { return .skipped(.ping, "no PING was sent") }
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double {
            sorted[min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
        }
        let p50 = percentile(50), p99 = percentile(99), maximum = sorted[sorted.count - 1]
        let warn = thresholds.latencyWarningMilliseconds / 1000, critical = thresholds.latencyCriticalMilliseconds / 1000
        let summary = "\(samples.count) PINGs: p50 \(Figures.fineMilliseconds(p50)), p99 \(Figures.fineMilliseconds(p99)), "
            + "max \(Figures.fineMilliseconds(maximum))"
        let details = [
            DoctorField("count", .integer(samples.count)),
            DoctorField("p50", .seconds(p50)), DoctorField("p99", .seconds(p99)), DoctorField("max", .seconds(maximum)),
            DoctorField("thresholds", .text("warning above \(Figures.milliseconds(warn)), critical above \(Figures.milliseconds(critical)) (p50)")),
        ]
        let verdict: DoctorVerdict
        var note = ""
        if p50 > critical {
            verdict = .critical
            note = ": p50 above \(Figures.milliseconds(critical))"
        } else if p50 > warn {
            verdict = .warning
            note = ": p50 above \(Figures.milliseconds(warn))"
        } else if maximum > critical {
            verdict = .warning
            note = ": spikes above \(Figures.milliseconds(critical))"
        } else {
            verdict = .ok
        }
        return DoctorStep(.ping, verdict, seconds: total, summary: summary + note, details: details,
                          fix: verdict == .ok ? nil
                            : "a slow PING is the network or a busy server: compare with LATENCY DOCTOR and SLOWLOG below, "
                                + "the server's CPU (INFO cpu) and the network path (ping the host)")
    }

    /// Two INFO replies a few moments apart: counters that grew between them (rejected
    /// connections, evictions) are happening now. Persistence failures and a broken replication
    /// link are critical (writes may be lost); the rest of HealthAssessment's findings warn.
    public static func serverInfo(first: ServerInfo, second info: ServerInfo, seconds: Double) -> DoctorStep {
        let findings: [String]
        switch HealthAssessment.status(ping: .replied(seconds: 0), info: .parsed(info), previous: first) {
        case .ok: findings = []
        case .degraded(let reasons): findings = reasons
        case .down(let reason): findings = [reason]
        }
        let linkDown = info.isReplica && info.masterLinkStatus.map { $0 != "up" } == true
        let verdict: DoctorVerdict = !info.persistenceErrors.isEmpty || linkDown ? .critical : findings.isEmpty ? .ok : .warning

        var summary = "redis \(info.version ?? "?") \(info.isReplica ? "replica" : info.role ?? "?")"
        if let uptime = info.uptimeSeconds { summary += ", up \(duration(uptime))" }
        if let used = info.usedMemory { summary += ", \(Figures.bytes(used)) used" }
        if !findings.isEmpty { summary += "; " + findings.joined(separator: "; ") }

        var details: [DoctorField] = []
        func add(_ name: String, _ value: DoctorDetail?) { if let value { details.append(DoctorField(name, value)) } }
        add("version", info.version.map { .text($0) })
        add("role", info.role.map { .text($0) })
        add("uptime", info.uptimeSeconds.map { .text(duration($0)) })
        if info.isReplica {
            add("primary", .text("\(info.masterHost ?? "?"):\(info.masterPort.map(String.init) ?? "?") link \(info.masterLinkStatus ?? "?")"
                + (info.masterLastIOSecondsAgo.map { ", last I/O \($0) s ago" } ?? "")))
        } else {
            add("replicas", info.connectedReplicas.map { .integer($0) })
        }
        add("connected clients", info.connectedClients.map { .integer($0) })
        add("used memory", info.usedMemory.map { .bytes($0) })
        add("maxmemory", info.maxMemory.map { $0 == 0 ? .text("no limit") : .bytes($0) })
        add("fragmentation ratio", info.fragmentationRatio.map { .decimal($0) })
        add("evicted keys", info.evictedKeys.map { .integer($0) })
        add("rejected connections", info.rejectedConnections.map { .integer($0) })
        add("persistence", .text(info.persistenceErrors.isEmpty ? "no errors" : info.persistenceErrors.joined(separator: "; ")))
        add("keys", info.totalKeys.map { .integer($0) })
        if !findings.isEmpty { add("findings", .list(findings.map { .text($0) })) }
        return DoctorStep(.serverInfo, verdict, seconds: seconds, summary: summary, details: details,
                          fix: verdict == .ok ? nil : fix(info, linkDown: linkDown))
    }

    public static func slowlog(_ entries: [SlowlogEntry], password: Secret?, seconds: Double) -> DoctorStep {
        guard !entries.isEmpty else {
            return DoctorStep(.slowlog, .ok, seconds: seconds, summary: "empty: no command was slower than slowlog-log-slower-than")
        }
        let slowest = entries.max { $0.microseconds < $1.microseconds }!
        let list = entries.map { entry -> DoctorDetail in
            .fields([
                DoctorField("id", .integer(Int(entry.id))),
                DoctorField("at", .time(entry.time)),
                DoctorField("duration", .seconds(Double(entry.microseconds) / 1_000_000)),
                DoctorField("command", .text(entry.commandLine(removing: password))),
            ])
        }
        return DoctorStep(.slowlog, .ok, seconds: seconds,
                          summary: "\(entries.count) recent entr\(entries.count == 1 ? "y" : "ies"), slowest "
                            + "\(Figures.milliseconds(Double(slowest.microseconds) / 1_000_000)): "
                            + slowest.commandLine(removing: password, limit: 40),
                          details: [DoctorField("entries", .list(list))])
    }

    /// The server's own words; informational (it never changes the verdict).
    public static func latencyDoctor(_ text: String, seconds: Double) -> DoctorStep {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        let first = lines.first ?? "(empty reply)"
        let summary = first.count > 100 ? String(first.prefix(97)) + "..." : first
        return DoctorStep(.latencyDoctor, .ok, seconds: seconds, summary: summary,
                          details: [DoctorField("report", .list(lines.map { .text($0) }))])
    }

    /// A command the server refused (ACL, renamed command): the step says nothing, it is skipped.
    public static func refused(_ kind: DoctorStep.Kind, command: String, reply: String) -> DoctorStep {
        .skipped(kind, "the server refused \(command): \(reply)")
    }

    private static func fix(_ info: ServerInfo, linkDown: Bool) -> String {
        if !info.persistenceErrors.isEmpty {
            return "check the server's log and disk (space, permissions) for the failing RDB/AOF writes"
        }
        if linkDown { return "check the primary is up and reachable from this replica (its log says why the link dropped)" }
        return "see the findings above: raise maxmemory or evict less, raise maxclients, or wait for loading to end"
    }

    /// `3d 4h`, `5h 12m`, `42s`.
    static func duration(_ seconds: Int) -> String {
        if seconds >= 86_400 { return "\(seconds / 86_400)d \(seconds % 86_400 / 3600)h" }
        if seconds >= 3600 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
        if seconds >= 60 { return "\(seconds / 60)m \(seconds % 60)s" }
        return "\(seconds)s"
    }
}
