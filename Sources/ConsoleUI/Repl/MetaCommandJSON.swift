import ConnCore

/// `:pool --json` and the others: one JSON object each, durations in seconds, with the same
/// shapes as `--stats --json` (`StatsJSON`) wherever the part is the same. Every object about the
/// connection starts with `time` and `endpoint`, so a saved line says when and where.
public enum MetaCommandJSON {
    public static func render(_ kind: MetaCommand.Kind, snapshot: StatisticsSnapshot, configuration: LoadedConfiguration) -> JSONValue {
        switch kind {
        case .pool:
            let settings = configuration.pool
            return stamped(snapshot, [
                ("pool", StatsJSON.pool(snapshot.pool)),
                ("settings", .object([
                    ("max", .int(settings.maxSize)), ("acquire_timeout", .number(settings.acquireTimeout)),
                    ("min_idle", .int(settings.minIdle)), ("health_interval", .number(settings.healthInterval)),
                ])),
            ])
        case .health:
            return stamped(snapshot, [
                ("latest", snapshot.health.last.map(StatsJSON.health) ?? .null),
                ("recent", .array(snapshot.health.suffix(MetaCommandRenderer.recentProbes).map { sample in
                    .object([("time", .number(sample.time)), ("status", .string(sample.status.label)),
                             ("ping", .optional(sample.pingSeconds))])
                })),
            ])
        case .cert:
            return stamped(snapshot, [
                ("tls", .bool(snapshot.isTLS)),
                ("server_chain", .array(snapshot.serverCertificates.map(StatsJSON.certificate))),
                ("client_certificate", snapshot.clientCertificate.map(StatsJSON.certificate) ?? .null),
            ])
        case .tls:
            let session = snapshot.isTLS ? snapshot.tls.latest : nil
            return stamped(snapshot, [
                ("tls", StatsJSON.tls(snapshot)),
                ("last_handshake", .optional(session?.handshakeSeconds)),
                ("verified_name", .optional(session?.verifiedName)),
                ("sni", .optional(session?.serverNameIndication)),
            ])
        case .latency:
            return stamped(snapshot, [("latency", StatsJSON.latency(snapshot.latency))])
        case .retries:
            return stamped(snapshot, [
                ("events", .array(snapshot.events.map { event in
                    .object([("time", .number(event.time)), ("kind", .string(event.kind.rawValue)), ("message", .string(event.message))])
                })),
            ])
        case .config:
            return .object(ConfigurationRenderer.rows(configuration).map { row in
                (row.name, .object([("value", .string(row.value)), ("source", .optional(row.source))]))
            })
        case .help:
            return .object([
                ("meta_commands", .array(MetaCommand.Kind.allCases.map { kind in
                    .object([("name", .string(":" + kind.rawValue)), ("summary", .string(kind.summary))])
                })),
                ("console_commands", .array(MetaCommandRenderer.consoleCommands.map { command in
                    .object([("usage", .string(command.usage)), ("summary", .string(command.summary))])
                })),
            ])
        }
    }

    private static func stamped(_ snapshot: StatisticsSnapshot, _ members: [(String, JSONValue)]) -> JSONValue {
        .object([("time", .number(snapshot.time)), ("endpoint", .string(snapshot.endpoint))] + members)
    }
}
