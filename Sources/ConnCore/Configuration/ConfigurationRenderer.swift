extension ConnectionSettings {
    /// The effective connection as a URL with the password masked:
    /// `rediss://user:***@host:port/db`. Safe to print and log.
    public var redactedURL: String {
        (tls.enabled ? "rediss" : "redis") + "://"
            + RedisURL.maskedUserinfo(username: username, hasPassword: password != nil)
            + "\(RedisURL.bracketed(host)):\(port)/\(database)"
    }
}

/// `--show-config`: the effective configuration, one value per line with its source. Pure: it
/// returns lines, the caller prints them. The password only ever appears as `***`.
public enum ConfigurationRenderer {
    /// One setting: its label, its value (the password only as `***`) and where it came from
    /// (nil for the connection URL, which is derived from the others).
    public struct Row: Sendable, Equatable {
        public var name: String
        public var value: String
        public var source: String?
    }

    public static func render(_ config: LoadedConfiguration) -> [String] {
        let rows = rows(config)
        let width = rows.map(\.name.count).max() ?? 0
        return rows.map { row in
            let padded = row.name + String(repeating: " ", count: width - row.name.count)
            guard let source = row.source else { return "\(padded)  \(row.value)" }
            return "\(padded)  \(row.value)  (\(source))"
        }
    }

    /// The settings `render` prints, as values (`:config --json` serializes them).
    public static func rows(_ config: LoadedConfiguration) -> [Row] {
        let connection = config.connection
        let tls = connection.tls
        var rows: [(String, String, SettingKey?)] = [
            ("profile", config.profile.rawValue, .profile),
            ("connection", connection.redactedURL, nil),
            ("host", connection.host, .host),
            ("port", String(connection.port), .port),
            ("database", String(connection.database), .database),
            ("user", connection.username ?? "(none)", .username),
            ("password", passwordText(config), .password),
            ("tls", tls.enabled ? "on" : "off", .tls),
        ]
        rows += [
            ("tls ca file", tls.caFile ?? (tls.caDirectory == nil ? "(system trust store)" : "(none)"), .caFile),
            ("tls ca directory", tls.caDirectory ?? "(none)", .caDirectory),
            ("tls client cert", tls.certificateFile ?? "(none)", .certificateFile),
            ("tls client key", tls.keyFile ?? "(none)", .keyFile),
            ("tls sni", tls.sni ?? "(none)", .sni),
            ("tls verified name", tls.expectedServerName ?? "\(connection.host) (the host)", .expectedServerName),
            ("tls verification", tls.verifyPeer ? "on" : "OFF", .verifyPeer),
            ("tls 1.2 ciphers", tls.ciphers, .ciphers),
            ("tls 1.3 suites", tls.ciphersuites, .ciphersuites),
            ("connect timeout", ValueParsing.formatSeconds(connection.connectTimeout) + "s", .connectTimeout),
            ("operation timeout", ValueParsing.formatSeconds(connection.operationTimeout) + "s", .operationTimeout),
            ("keepalive", connection.keepalive == 0 ? "off" : ValueParsing.formatSeconds(connection.keepalive) + "s",
             .keepalive),
            ("client name", connection.clientName ?? "(none)", .clientName),
            ("output", config.options.output.rawValue, .output),
        ]
        if !tls.enabled {
            // TLS details do not apply; keep them visible but say so.
            rows = rows.map { row in
                row.0.hasPrefix("tls ") ? (row.0, row.1 + " [unused: TLS is off]", row.2) : row
            }
        }
        return rows.map { name, value, key in
            Row(name: name, value: value, source: key.map { config.source(of: $0).description })
        } + reliabilityRows(config)
    }

    /// Pool and retry settings come from flags only: a value differing from the default was typed.
    private static func reliabilityRows(_ config: LoadedConfiguration) -> [Row] {
        let pool = config.pool, defaults = PoolSettings()
        let retry = config.retry, retryDefaults = RetrySettings()
        func row(_ name: String, _ value: String, _ flag: String, isDefault: Bool) -> Row {
            Row(name: name, value: value, source: isDefault ? "default" : "flag \(flag)")
        }
        func seconds(_ value: Double) -> String { ValueParsing.formatSeconds(value) + "s" }
        return [
            row("pool size", String(pool.maxSize), "--pool-size", isDefault: pool.maxSize == defaults.maxSize),
            row("pool timeout", seconds(pool.acquireTimeout), "--pool-timeout", isDefault: pool.acquireTimeout == defaults.acquireTimeout),
            row("pool min idle", String(pool.minIdle), "--pool-min-idle", isDefault: pool.minIdle == defaults.minIdle),
            row("health interval", seconds(pool.healthInterval), "--health-interval", isDefault: pool.healthInterval == defaults.healthInterval),
            row("retries", String(retry.retries), "--retries", isDefault: retry.retries == retryDefaults.retries),
            row("retry backoff", "base \(seconds(retry.backoff.base)), cap \(seconds(retry.backoff.cap))", "--retry-base/--retry-cap",
                isDefault: retry.backoff == retryDefaults.backoff),
            row("dashboard refresh", ValueParsing.formatSeconds(config.options.refreshHertz) + " Hz", "--refresh",
                isDefault: config.options.refreshHertz == CommandOptions().refreshHertz),
        ] + doctorRows(config.options.doctorThresholds, row) + (config.options.load ? loadRows(config.options.loadSettings) : [])
    }

    /// `--load`'s settings, shown only with `--load`; "flag" when the flag was typed.
    private static func loadRows(_ load: LoadSettings) -> [Row] {
        func row(_ name: String, _ value: String, _ flag: String) -> Row {
            Row(name: name, value: value, source: load.givenFlags.contains(flag) ? "flag \(flag)" : "default")
        }
        return [
            row("load workers", String(load.workers), "--workers"),
            row("load commands", load.commands.map(\.rawValue).joined(separator: ","), "--commands"),
            row("load keys", "\(load.keys) (\(LoadKeys.prefix)* only)", "--keys"),
            row("load value size", "\(load.valueSize) bytes", "--value-size"),
            row("load rate", load.rate.map { ValueParsing.formatSeconds($0) + " ops/s" } ?? "unlimited", "--rate"),
            row("load duration", load.duration.map { ValueParsing.formatSeconds($0) + "s" } ?? "until stopped", "--duration"),
            row("load pipeline", String(load.pipeline), "--pipeline"),
        ]
    }

    /// `--doctor`'s thresholds, from flags only, like the pool settings.
    private static func doctorRows(_ thresholds: DoctorThresholds,
                                   _ row: (String, String, String, Bool) -> Row) -> [Row] {
        let defaults = DoctorThresholds()
        func days(_ value: Int) -> String { "\(value) day\(value == 1 ? "" : "s")" }
        func ms(_ value: Double) -> String { ValueParsing.formatSeconds(value) + " ms" }
        return [
            row("doctor cert warning", days(thresholds.certificateWarningDays), "--cert-warn-days",
                thresholds.certificateWarningDays == defaults.certificateWarningDays),
            row("doctor cert critical", days(thresholds.certificateCriticalDays), "--cert-crit-days",
                thresholds.certificateCriticalDays == defaults.certificateCriticalDays),
            row("doctor latency warning", ms(thresholds.latencyWarningMilliseconds), "--latency-warn-ms",
                thresholds.latencyWarningMilliseconds == defaults.latencyWarningMilliseconds),
            row("doctor latency critical", ms(thresholds.latencyCriticalMilliseconds), "--latency-crit-ms",
                thresholds.latencyCriticalMilliseconds == defaults.latencyCriticalMilliseconds),
        ]
    }

    /// The URL a user gave, masked; for echoing it back. See `RedisURL.redact`.
    public static func redactedURL(_ text: String) -> String {
        RedisURL.redact(text)
    }

    private static func passwordText(_ config: LoadedConfiguration) -> String {
        if config.needsPasswordPrompt { return "(asked at start, --askpass)" }
        return config.connection.password == nil ? "(none)" : "***"
    }
}
