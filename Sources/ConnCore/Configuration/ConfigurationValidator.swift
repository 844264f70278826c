/// Checks the merged settings once, before anything connects: ranges (again, for settings built
/// in code), the TLS files, and the cert/key pairing. Errors name the path and the flag or
/// variable that set it; doubtful-but-usable things come back as warnings.
public enum ConfigurationValidator {
    public static func validate(
        _ settings: ConnectionSettings, provenance: [String: ValueSource], files: some FileChecking
    ) throws(ConsoleError) -> [String] {
        func source(_ key: SettingKey) -> ValueSource { provenance[key.rawValue] ?? .builtinDefault }

        try checkRanges(settings, source: source)
        guard settings.tls.enabled else { return [] }  // TLS files are not used: not checked.

        let tls = settings.tls
        switch (tls.certificateFile, tls.keyFile) {
        case (.some(let cert), nil):
            throw ConsoleError(
                .configuration, "client certificate \(cert) (\(source(.certificateFile))) has no private key",
                hint: "give the matching key with --key FILE (mutual TLS needs both)")
        case (nil, .some(let key)):
            throw ConsoleError(
                .configuration, "private key \(key) (\(source(.keyFile))) has no client certificate",
                hint: "give the matching certificate with --cert FILE (mutual TLS needs both)")
        default: break
        }

        if let path = tls.caFile { try requireFile(path, what: "CA file", source(.caFile), files) }
        if let path = tls.caDirectory { try requireDirectory(path, source(.caDirectory), files) }
        if let path = tls.certificateFile {
            try requireFile(path, what: "client certificate", source(.certificateFile), files)
        }
        var warnings: [String] = []
        if let path = tls.keyFile {
            let status = try requireFile(path, what: "private key", source(.keyFile), files)
            if status.permissions & 0o044 != 0 {
                warnings.append(
                    "Warning: key file \(path) is readable by other users (mode \(octal(status.permissions))); "
                        + "run chmod 600 \(path)")
            }
        }
        return warnings
    }

    private static func checkRanges(
        _ settings: ConnectionSettings, source: (SettingKey) -> ValueSource
    ) throws(ConsoleError) {
        if settings.host.isEmpty {
            throw ConsoleError(.usage, "the host name is empty (\(source(.host)))", hint: "give a host, e.g. -h 127.0.0.1")
        }
        if !ValueParsing.portRange.contains(settings.port) {
            throw ConsoleError(
                .usage, "port \(settings.port) (\(source(.port))) is out of range", hint: "use a port from 1 to 65535")
        }
        if settings.database < 0 {
            throw ConsoleError(
                .usage, "database \(settings.database) (\(source(.database))) is negative", hint: "use 0 or more, e.g. -n 0")
        }
        let timeouts: [(Double, SettingKey, String)] = [
            (settings.connectTimeout, .connectTimeout, "connect timeout"),
            (settings.operationTimeout, .operationTimeout, "operation timeout"),
        ]
        for (value, key, name) in timeouts where !(value > 0 && value.isFinite) {
            throw ConsoleError(
                .usage, "\(name) \(value) (\(source(key))) must be more than 0 seconds",
                hint: "give seconds, decimals allowed, e.g. 2.5")
        }
        if !(settings.keepalive >= 0 && settings.keepalive.isFinite) {
            throw ConsoleError(
                .usage, "keepalive \(settings.keepalive) (\(source(.keepalive))) must be 0 (off) or more seconds",
                hint: "give seconds, e.g. --keepalive 15")
        }
    }

    @discardableResult
    private static func requireFile(
        _ path: String, what: String, _ source: ValueSource, _ files: some FileChecking
    ) throws(ConsoleError) -> FileStatus {
        let status = files.status(of: path)
        switch status.kind {
        case .missing:
            throw ConsoleError(
                .configuration, "\(what) \(path) does not exist (\(source))", hint: fixHint(path, source))
        case .directory:
            let extra = what == "CA file" ? "; for a folder of CA certificates use --cacertdir" : ""
            throw ConsoleError(
                .configuration, "\(what) \(path) is a directory, not a file (\(source))",
                hint: fixHint(path, source) + extra)
        case .regularFile, .other:
            guard status.readable else {
                throw ConsoleError(
                    .configuration, "\(what) \(path) is not readable by this user (\(source))",
                    hint: "check its owner and permissions: ls -l \(path)")
            }
            return status
        }
    }

    private static func requireDirectory(
        _ path: String, _ source: ValueSource, _ files: some FileChecking
    ) throws(ConsoleError) {
        let status = files.status(of: path)
        switch status.kind {
        case .directory:
            guard status.readable else {
                throw ConsoleError(
                    .configuration, "CA directory \(path) is not readable by this user (\(source))",
                    hint: "check its owner and permissions: ls -ld \(path)")
            }
        case .missing:
            throw ConsoleError(
                .configuration, "CA directory \(path) does not exist (\(source))", hint: fixHint(path, source))
        case .regularFile, .other:
            throw ConsoleError(
                .configuration, "CA directory \(path) is not a directory (\(source))",
                hint: "for a single CA file use --cacert \(path)")
        }
    }

    private static func fixHint(_ path: String, _ source: ValueSource) -> String {
        switch source {
        case .environment(EnvironmentSettings.Name.certPath):
            "REDIS_CERT_PATH must name a folder holding ca.crt (and optionally client.crt and client.key)"
        case .flag(let flag):
            "check the path given to \(flag)"
        default:
            "check the path (\(source))"
        }
    }

    static func octal(_ mode: UInt32) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
