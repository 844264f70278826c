/// The effective configuration: what to connect to, what to do, where every value came from,
/// and what the user should be warned about (the executable prints the warnings to stderr).
public struct LoadedConfiguration: Sendable, Equatable {
    public var profile: Profile
    public var connection: ConnectionSettings
    public var options: CommandOptions
    /// Keyed by `SettingKey.rawValue`; every key has an entry once loaded.
    public var provenance: [String: ValueSource]
    public var warnings: [String]
    /// `--askpass`: the executable must prompt (without echo) and set `connection.password`.
    public var needsPasswordPrompt: Bool
    public var pool = PoolSettings()
    public var retry = RetrySettings()

    public init(
        profile: Profile, connection: ConnectionSettings, options: CommandOptions,
        provenance: [String: ValueSource], warnings: [String], needsPasswordPrompt: Bool
    ) {
        self.profile = profile
        self.connection = connection
        self.options = options
        self.provenance = provenance
        self.warnings = warnings
        self.needsPasswordPrompt = needsPasswordPrompt
    }

    public func source(of key: SettingKey) -> ValueSource {
        provenance[key.rawValue] ?? .builtinDefault
    }
}

/// Merges the sources, strongest first: flags > URL (`-u`, else `REDIS_URL`) > environment >
/// profile defaults > built-in defaults; then applies the profile's rules and validates, once.
public enum ConfigurationLoader {
    /// redis-cli's exact words.
    public static let commandLinePasswordWarning =
        "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe."

    /// `arguments` excludes argv[0].
    public static func load(
        arguments: [String], environment: [String: String], files: some FileChecking
    ) throws(ConsoleError) -> LoadedConfiguration {
        let flags = try FlagParser.parse(arguments)
        return try load(flags: flags, environment: EnvironmentSettings(environment), files: files)
    }

    public static func load(
        flags: CommandLineFlags, environment env: EnvironmentSettings, files: some FileChecking
    ) throws(ConsoleError) -> LoadedConfiguration {
        typealias Candidate = ProvenanceRecorder.Candidate
        let options = flags.options
        // --help/--version must work whatever state the environment is in.
        if options.showHelp || options.showVersion {
            return LoadedConfiguration(
                profile: .development, connection: ConnectionSettings(), options: options, provenance: [:],
                warnings: [], needsPasswordPrompt: false)
        }

        try options.doctorThresholds.validate()

        var record = ProvenanceRecorder()
        let profile = try record.resolve(
            .profile,
            [Candidate(.flag("--profile")) { flags.profile },
             Candidate(.environment(Name.profile)) { () throws(ConsoleError) in try env.profile() }],
            fallback: .development, .builtinDefault)

        // One URL at most: -u replaces REDIS_URL entirely rather than mixing with it.
        var url = flags.url
        var urlOrigin = URLOrigin.commandLine
        if url == nil, let fromEnvironment = try env.url() {
            url = fromEnvironment
            urlOrigin = .environment
        }
        let fromURL = ValueSource.url(urlOrigin)
        let defaults = ConnectionSettings()
        var settings = ConnectionSettings()

        settings.host = try record.resolve(
            .host,
            [Candidate(.flag("-h")) { flags.host }, Candidate(fromURL) { url?.host },
             Candidate(.environment(Name.host)) { env.host() }],
            fallback: defaults.host, .builtinDefault)
        settings.port = try record.resolve(
            .port,
            [Candidate(.flag("-p")) { flags.port }, Candidate(fromURL) { url?.port },
             Candidate(.environment(Name.port)) { () throws(ConsoleError) in try env.port() }],
            fallback: defaults.port, .builtinDefault)
        settings.database = try record.resolve(
            .database,
            [Candidate(.flag("-n")) { flags.database }, Candidate(fromURL) { url?.database },
             Candidate(.environment(Name.database)) { () throws(ConsoleError) in try env.database() }],
            fallback: defaults.database, .builtinDefault)
        settings.username = try record.resolveOptional(
            .username,
            [Candidate(.flag("--user")) { flags.username }, Candidate(fromURL) { url?.username },
             Candidate(.environment(Name.username)) { env.username() }])

        // --askpass ignores every other password source (redis-cli); the executable prompts.
        if options.askpass {
            record.record(.password, .flag("--askpass"))
        } else {
            settings.password = try record.resolveOptional(
                .password,
                [Candidate(.flag(flags.password?.flag ?? "-a")) { flags.password?.value },
                 Candidate(fromURL) { url?.password },
                 Candidate(.environment(Name.cliAuth)) { env.cliAuth() },
                 Candidate(.environment(Name.password)) { env.password() }])
        }

        // As redis-cli: only --tls, rediss:// or REDIS_SSL turn TLS on; redis:// never turns it off.
        settings.tls.enabled = try record.resolve(
            .tls,
            [Candidate(.flag("--tls")) { flags.tls ? true : nil }, Candidate(fromURL) { url?.tls == true ? true : nil },
             Candidate(.environment(Name.ssl)) { () throws(ConsoleError) in try env.ssl() }],
            fallback: ProfileRules.defaultTLS(for: profile), .profileDefault(profile))

        let folder = env.certificateFolder(files: files)
        let fromFolder = ValueSource.environment(Name.certPath)
        settings.tls.caFile = try record.resolveOptional(
            .caFile, [Candidate(.flag("--cacert")) { flags.caFile }, Candidate(fromFolder) { folder?.caFile }])
        settings.tls.caDirectory = try record.resolveOptional(
            .caDirectory, [Candidate(.flag("--cacertdir")) { flags.caDirectory }])
        settings.tls.certificateFile = try record.resolveOptional(
            .certificateFile,
            [Candidate(.flag("--cert")) { flags.certificateFile }, Candidate(fromFolder) { folder?.certificateFile }])
        settings.tls.keyFile = try record.resolveOptional(
            .keyFile, [Candidate(.flag("--key")) { flags.keyFile }, Candidate(fromFolder) { folder?.keyFile }])
        settings.tls.sni = try record.resolveOptional(.sni, [Candidate(.flag("--sni")) { flags.sni }])
        settings.tls.expectedServerName = try record.resolveOptional(
            .expectedServerName, [Candidate(.flag("--tls-server-name")) { flags.expectedServerName }])
        settings.tls.verifyPeer = try record.resolve(
            .verifyPeer, [Candidate(.flag("--insecure")) { flags.insecure ? false : nil }],
            fallback: true, .builtinDefault)
        settings.tls.ciphers = try record.resolve(
            .ciphers, [Candidate(.flag("--tls-ciphers")) { flags.ciphers }],
            fallback: defaults.tls.ciphers, .builtinDefault)
        settings.tls.ciphersuites = try record.resolve(
            .ciphersuites, [Candidate(.flag("--tls-ciphersuites")) { flags.ciphersuites }],
            fallback: defaults.tls.ciphersuites, .builtinDefault)

        settings.connectTimeout = try record.resolve(
            .connectTimeout, [Candidate(.flag(flags.connectTimeout?.flag ?? "-t")) { flags.connectTimeout?.value }],
            fallback: defaults.connectTimeout, .builtinDefault)
        settings.operationTimeout = try record.resolve(
            .operationTimeout, [Candidate(.flag("--timeout")) { flags.operationTimeout }],
            fallback: defaults.operationTimeout, .builtinDefault)
        settings.keepalive = try record.resolve(
            .keepalive, [Candidate(.flag("--keepalive")) { flags.keepalive }],
            fallback: defaults.keepalive, .builtinDefault)
        record.record(.clientName, .builtinDefault)
        record.record(.output, flags.outputFlag.map { .flag($0) } ?? .builtinDefault)

        let provenance = record.table
        try ProfileRules.enforce(
            ProfileRules.Facts(
                profile: profile, settings: settings, url: url.map { ($0.tls, urlOrigin) },
                commandLinePasswordFlag: flags.commandLinePasswordFlag,
                tlsSource: provenance[SettingKey.tls.rawValue] ?? .builtinDefault,
                ciphersOverridden: [flags.ciphers.map { _ in "--tls-ciphers" },
                                    flags.ciphersuites.map { _ in "--tls-ciphersuites" }].compactMap { $0 }))
        try options.loadSettings.validate(load: options.load, profile: profile, hasCommand: !options.command.isEmpty)
        let fileWarnings = try ConfigurationValidator.validate(settings, provenance: provenance, files: files)

        var warnings: [String] = []
        if flags.commandLinePasswordFlag != nil, !options.noAuthWarning {
            warnings.append(commandLinePasswordWarning)
        }
        warnings += tlsWarnings(flags: flags, settings: settings, certFolderSet: folder != nil)
        if let user = settings.username, settings.password == nil, !options.askpass {
            warnings.append(
                "Warning: user name '\(user)' is set (\(record.table[SettingKey.username.rawValue] ?? .builtinDefault)) "
                    + "but there is no password, so AUTH will not be sent; give one with REDISCLI_AUTH or --askpass.")
        }
        warnings += fileWarnings

        var loaded = LoadedConfiguration(
            profile: profile, connection: settings, options: options, provenance: provenance,
            warnings: warnings, needsPasswordPrompt: options.askpass)
        loaded.pool = flags.pool
        loaded.retry = flags.retry
        return loaded
    }

    private typealias Name = EnvironmentSettings.Name

    /// TLS settings given while TLS is off are ignored, as in redis-cli; say so rather than
    /// refuse, so a shared environment (REDIS_CERT_PATH) does not break plaintext development.
    private static func tlsWarnings(flags: CommandLineFlags, settings: ConnectionSettings, certFolderSet: Bool) -> [String] {
        guard settings.tls.enabled else {
            var ignored = flags.tlsOnlyFlagsGiven
            if certFolderSet { ignored.append(Name.certPath) }
            guard !ignored.isEmpty else { return [] }
            let verb = ignored.count == 1 ? "is" : "are"
            return [
                "Warning: TLS is off, so \(ignored.joined(separator: ", ")) \(verb) ignored; turn TLS on with "
                    + "--tls, a rediss:// URL or REDIS_SSL=true."
            ]
        }
        guard settings.tls.verifyPeer else {
            return [
                "Warning: --insecure turns off certificate verification: the connection is encrypted but the "
                    + "server is not authenticated."
            ]
        }
        return []
    }
}
