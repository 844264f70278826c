/// Where a URL came from: the command line (`-u`) or the environment (`REDIS_URL`). It matters
/// because a password in a command-line URL is visible in `ps`, one in `REDIS_URL` is not.
public enum URLOrigin: Sendable, Equatable {
    case commandLine
    case environment

    /// How a person refers to it: `-u` or `REDIS_URL`.
    public var name: String {
        switch self {
        case .commandLine: "-u"
        case .environment: "REDIS_URL"
        }
    }
}

/// Which source decided an effective value. Shown by `--show-config` and named in errors so the
/// user knows what to change.
public enum ValueSource: Sendable, Equatable, CustomStringConvertible {
    /// The flag as typed, e.g. `--tls` or `-t`.
    case flag(String)
    case url(URLOrigin)
    /// The variable's name, e.g. `REDIS_HOST`.
    case environment(String)
    case profileDefault(Profile)
    case builtinDefault

    public var description: String {
        switch self {
        case .flag(let name): "flag \(name)"
        case .url(let origin): "URL (\(origin.name))"
        case .environment(let name): "env \(name)"
        case .profileDefault(let profile): "\(profile.rawValue) profile"
        case .builtinDefault: "default"
        }
    }
}

/// The settings whose provenance is recorded. The raw value is the key in
/// `LoadedConfiguration.provenance`.
public enum SettingKey: String, Sendable, CaseIterable {
    case profile
    case host, port, username, password, database
    case tls
    case caFile = "tls.caFile"
    case caDirectory = "tls.caDirectory"
    case certificateFile = "tls.certificateFile"
    case keyFile = "tls.keyFile"
    case sni = "tls.sni"
    case expectedServerName = "tls.expectedServerName"
    case verifyPeer = "tls.verifyPeer"
    case ciphers = "tls.ciphers"
    case ciphersuites = "tls.ciphersuites"
    case connectTimeout, operationTimeout, keepalive, clientName
    case output
}

/// Builds the provenance table while the sources are merged: the first candidate that has a
/// value wins and is recorded; otherwise the fallback is.
struct ProvenanceRecorder {
    private(set) var table: [String: ValueSource] = [:]

    /// One possible source for a setting. `value` is evaluated lazily so that an environment
    /// variable is only parsed (and can only fail) when nothing stronger already decided.
    struct Candidate<T> {
        let source: ValueSource
        let value: () throws(ConsoleError) -> T?

        init(_ source: ValueSource, _ value: @escaping () throws(ConsoleError) -> T?) {
            self.source = source
            self.value = value
        }
    }

    mutating func resolve<T>(
        _ key: SettingKey, _ candidates: [Candidate<T>], fallback: T, _ fallbackSource: ValueSource
    ) throws(ConsoleError) -> T {
        if let value = try resolveOptional(key, candidates) { return value }
        table[key.rawValue] = fallbackSource
        return fallback
    }

    /// For optional settings: none of the candidates means `nil`, recorded as the built-in default.
    mutating func resolveOptional<T>(_ key: SettingKey, _ candidates: [Candidate<T>]) throws(ConsoleError) -> T? {
        for candidate in candidates {
            if let value = try candidate.value() {
                table[key.rawValue] = candidate.source
                return value
            }
        }
        table[key.rawValue] = .builtinDefault
        return nil
    }

    mutating func record(_ key: SettingKey, _ source: ValueSource) {
        table[key.rawValue] = source
    }
}
