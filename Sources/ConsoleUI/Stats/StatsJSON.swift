import ConnCore

/// `--stats --json`: one JSON object per snapshot, every duration in seconds.
public enum StatsJSON {
    public static func render(_ snapshot: StatisticsSnapshot) -> JSONValue {
        .object([
            ("time", .number(snapshot.time)),
            ("endpoint", .string(snapshot.endpoint)),
            ("pool", pool(snapshot.pool)),
            ("health", .array(snapshot.health.suffix(10).map(health))),
            ("tls", tls(snapshot)),
            ("latency", latency(snapshot.latency)),
            ("events", .array(snapshot.events.suffix(20).map { event in
                .object([("time", .number(event.time)), ("kind", .string(event.kind.rawValue)), ("message", .string(event.message))])
            })),
        ])
    }

    public static func pool(_ pool: PoolStats) -> JSONValue {
        .object([
            ("max", .int(pool.maxSize)), ("open", .int(pool.open)), ("in_use", .int(pool.inUse)),
            ("idle", .int(pool.idle)), ("opening", .int(pool.opening)), ("checking", .int(pool.checking)),
            ("waiters", .int(pool.waiters)), ("created", .int(pool.created)), ("closed", .int(pool.closed)),
            ("closed_by_reason", .object(CloseReason.allCases.map { ($0.rawValue, .int(pool.closedByReason[$0] ?? 0)) })),
            ("open_failures", .int(pool.openFailures)), ("exhausted", .int(pool.exhaustedCount)),
            ("cancelled_waits", .int(pool.cancelledWaits)), ("peak_in_use", .int(pool.peakInUse)),
            ("acquire_count", .int(pool.acquireCount)),
            ("acquire_wait_p50", .number(pool.acquireWaitP50)), ("acquire_wait_p99", .number(pool.acquireWaitP99)),
        ])
    }

    public static func health(_ sample: HealthSample) -> JSONValue {
        var reasons: [JSONValue] = []
        switch sample.status {
        case .ok: break
        case .degraded(let list): reasons = list.map { .string($0) }
        case .down(let reason): reasons = [.string(reason)]
        }
        let info = sample.info
        return .object([
            ("time", .number(sample.time)), ("status", .string(sample.status.label)), ("reasons", .array(reasons)),
            ("ping", .optional(sample.pingSeconds)),
            ("version", .optional(info?.version)), ("role", .optional(info?.role)),
            ("uptime", .optional(info?.uptimeSeconds)), ("connected_clients", .optional(info?.connectedClients)),
            ("blocked_clients", .optional(info?.blockedClients)), ("used_memory", .optional(info?.usedMemory)),
            ("fragmentation", .optional(info?.fragmentationRatio)), ("ops_per_sec", .optional(info?.opsPerSecond)),
            ("hit_rate", .optional(info?.hitRate)), ("evicted_keys", .optional(info?.evictedKeys)),
            ("rejected_connections", .optional(info?.rejectedConnections)),
        ])
    }

    public static func tls(_ snapshot: StatisticsSnapshot) -> JSONValue {
        guard snapshot.isTLS else { return .object([("enabled", .bool(false))]) }
        let session = snapshot.tls.latest
        return .object([
            ("enabled", .bool(true)),
            ("version", .optional(session?.version)), ("cipher", .optional(session?.cipher)),
            ("handshakes", .int(snapshot.tls.handshakes)), ("resumed", .int(snapshot.tls.resumed)),
            ("resumption_rate", .number(snapshot.tls.resumptionRate)),
            ("mean_handshake", .number(snapshot.tls.meanHandshakeSeconds)),
            ("server_chain", .array(snapshot.serverCertificates.map(certificate))),
            ("client_certificate", snapshot.clientCertificate.map(certificate) ?? .null),
        ])
    }

    public static func certificate(_ status: CertificateStatus) -> JSONValue {
        .object([
            ("subject", .string(status.certificate.subject)), ("issuer", .string(status.certificate.issuer)),
            ("names", .array(status.certificate.subjectAlternativeNames.map { .string($0) })),
            ("not_after", .string(UTCDate.format(status.certificate.notAfter))),
            ("days_left", .int(status.daysLeft)), ("level", .string(status.level.rawValue)),
        ])
    }

    public static func latency(_ summary: LatencySummary) -> JSONValue {
        .object([
            ("overall", percentiles(summary.overall)),
            ("commands", .object(summary.perCommand.map { ($0.name, percentiles($0.latency)) })),
            ("per_second", .array(summary.perSecond.map { .int($0.count) })),
        ])
    }

    public static func percentiles(_ value: LatencyPercentiles) -> JSONValue {
        .object([
            ("count", .integer(Int64(value.count))), ("p50", .number(value.p50)), ("p90", .number(value.p90)),
            ("p99", .number(value.p99)), ("p99_9", .number(value.p999)), ("max", .number(value.max)),
        ])
    }
}
