import Testing
@testable import ConnCore

@Suite("Precedence and provenance")
struct ConfigurationPrecedenceTests {
    @Test func defaultsWithNothingGiven() throws {
        let config = try loadConfig([])
        #expect(config.profile == .development)
        #expect(config.source(of: .profile) == .builtinDefault)
        #expect(config.connection == ConnectionSettings())
        #expect(config.source(of: .host) == .builtinDefault)
        #expect(config.source(of: .tls) == .profileDefault(.development))
        #expect(config.warnings.isEmpty)
        #expect(!config.needsPasswordPrompt)
        #expect(Set(config.provenance.keys) == Set(SettingKey.allCases.map(\.rawValue)))
    }

    @Test func flagBeatsURLBeatsEnvironment() throws {
        let config = try loadConfig(
            ["-h", "flaghost", "-u", "redis://urlhost:7001/3"],
            env: ["REDIS_HOST": "envhost", "REDIS_PORT": "7002", "REDIS_DB": "4", "REDIS_USERNAME": "envuser"])
        #expect(config.connection.host == "flaghost")
        #expect(config.source(of: .host) == .flag("-h"))
        #expect(config.connection.port == 7001)
        #expect(config.source(of: .port) == .url(.commandLine))
        #expect(config.connection.database == 3)
        #expect(config.source(of: .database) == .url(.commandLine))
        #expect(config.connection.username == "envuser")
        #expect(config.source(of: .username) == .environment("REDIS_USERNAME"))
    }

    @Test func environmentFillsWhatTheURLLeavesOut() throws {
        let config = try loadConfig(["-u", "redis://urlhost"], env: ["REDIS_PORT": "7002", "REDIS_DB": "9"])
        #expect(config.connection.host == "urlhost")
        #expect(config.connection.port == 7002)
        #expect(config.source(of: .port) == .environment("REDIS_PORT"))
        #expect(config.connection.database == 9)
    }

    @Test func redisURLFromEnvironment() throws {
        let config = try loadConfig([], env: ["REDIS_URL": "rediss://app:pw@envurl:6390/1", "REDIS_HOST": "ignored"])
        #expect(config.connection.host == "envurl")
        #expect(config.connection.port == 6390)
        #expect(config.connection.username == "app")
        #expect(config.connection.password?.reveal() == "pw")
        #expect(config.connection.tls.enabled)
        #expect(config.source(of: .host) == .url(.environment))
        #expect(config.source(of: .host).description == "URL (REDIS_URL)")
        // A password in the environment is not on the command line: no warning.
        #expect(config.warnings.isEmpty)
    }

    @Test func commandLineURLReplacesREDIS_URL() throws {
        let config = try loadConfig(["-u", "redis://flagurl"], env: ["REDIS_URL": "rediss://:pw@envurl:1/5"])
        #expect(config.connection.host == "flagurl")
        #expect(config.connection.port == 6379)
        #expect(config.connection.database == 0)
        #expect(config.connection.password == nil)
        #expect(!config.connection.tls.enabled)
    }

    @Test func malformedREDIS_URLIsNamed() throws {
        let error = try #require(loadFailure([], env: ["REDIS_URL": "http://x"]))
        #expect(error.kind == .usage)
        #expect(error.message.hasPrefix("REDIS_URL: invalid Redis URL"))
    }

    struct PasswordCase: Sendable {
        var arguments: [String]
        var env: [String: String]
        var expected: String?
        var source: ValueSource
    }

    static let passwordCases: [PasswordCase] = [
        PasswordCase(
            arguments: ["-a", "flag", "-u", "redis://:url@h"], env: ["REDISCLI_AUTH": "cli", "REDIS_PASSWORD": "pw"],
            expected: "flag", source: .flag("-a")),
        PasswordCase(
            arguments: ["--pass", "flag"], env: ["REDISCLI_AUTH": "cli"], expected: "flag", source: .flag("--pass")),
        PasswordCase(
            arguments: ["-u", "redis://:url@h"], env: ["REDISCLI_AUTH": "cli", "REDIS_PASSWORD": "pw"],
            expected: "url", source: .url(.commandLine)),
        PasswordCase(
            arguments: [], env: ["REDIS_URL": "redis://:url@h", "REDISCLI_AUTH": "cli"],
            expected: "url", source: .url(.environment)),
        PasswordCase(
            arguments: [], env: ["REDISCLI_AUTH": "cli", "REDIS_PASSWORD": "pw"], expected: "cli",
            source: .environment("REDISCLI_AUTH")),
        PasswordCase(
            arguments: [], env: ["REDIS_PASSWORD": "pw"], expected: "pw", source: .environment("REDIS_PASSWORD")),
        // Empty means unset, at every level.
        PasswordCase(
            arguments: ["-a", ""], env: ["REDISCLI_AUTH": "", "REDIS_PASSWORD": "pw"], expected: "pw",
            source: .environment("REDIS_PASSWORD")),
        PasswordCase(
            arguments: ["-u", "redis://:@h"], env: ["REDISCLI_AUTH": "cli"], expected: "cli",
            source: .environment("REDISCLI_AUTH")),
        PasswordCase(arguments: [], env: ["REDIS_PASSWORD": ""], expected: nil, source: .builtinDefault),
    ]

    @Test("password precedence", arguments: passwordCases)
    func passwordPrecedence(_ example: PasswordCase) throws {
        let config = try loadConfig(example.arguments, env: example.env)
        #expect(config.connection.password?.reveal() == example.expected)
        #expect(config.source(of: .password) == example.source)
    }

    @Test func askpassIgnoresEveryOtherPassword() throws {
        let config = try loadConfig(
            ["--askpass", "-a", "flag"], env: ["REDISCLI_AUTH": "cli", "REDIS_PASSWORD": "pw"])
        #expect(config.needsPasswordPrompt)
        #expect(config.connection.password == nil)
        #expect(config.source(of: .password) == .flag("--askpass"))
    }

    struct TLSCase: Sendable {
        var arguments: [String]
        var env: [String: String]
        var enabled: Bool
        var source: ValueSource
    }

    static let tlsCases: [TLSCase] = [
        TLSCase(arguments: ["--tls"], env: [:], enabled: true, source: .flag("--tls")),
        TLSCase(arguments: ["--tls"], env: ["REDIS_SSL": "false"], enabled: true, source: .flag("--tls")),
        TLSCase(arguments: ["-u", "rediss://h"], env: [:], enabled: true, source: .url(.commandLine)),
        TLSCase(arguments: [], env: ["REDIS_URL": "rediss://h", "REDIS_SSL": "no"], enabled: true, source: .url(.environment)),
        // redis:// does not turn TLS off (as redis-cli): the environment still decides.
        TLSCase(arguments: ["-u", "redis://h"], env: ["REDIS_SSL": "true"], enabled: true, source: .environment("REDIS_SSL")),
        TLSCase(arguments: [], env: ["REDIS_SSL": "YES"], enabled: true, source: .environment("REDIS_SSL")),
        TLSCase(arguments: [], env: ["REDIS_SSL": "1"], enabled: true, source: .environment("REDIS_SSL")),
        TLSCase(arguments: [], env: ["REDIS_SSL": "0"], enabled: false, source: .environment("REDIS_SSL")),
        TLSCase(arguments: [], env: ["REDIS_SSL": ""], enabled: false, source: .profileDefault(.development)),
        // TLS files alone do not turn TLS on (redis-cli): they are ignored, with a warning.
        TLSCase(arguments: ["--cacert", "/ca.crt"], env: [:], enabled: false, source: .profileDefault(.development)),
    ]

    @Test("what turns TLS on", arguments: tlsCases)
    func tlsPrecedence(_ example: TLSCase) throws {
        let config = try loadConfig(example.arguments, env: example.env)
        #expect(config.connection.tls.enabled == example.enabled)
        #expect(config.source(of: .tls) == example.source)
    }

    @Test func badREDIS_SSLIsNamed() throws {
        let error = try #require(loadFailure([], env: ["REDIS_SSL": "maybe"]))
        #expect(error.message == "REDIS_SSL: 'maybe' is not a yes/no value")
        #expect(error.hint?.contains("true, false, 1, 0, yes or no") == true)
    }

    @Test func overriddenEnvironmentValuesAreNotParsed() throws {
        // Kubernetes injects REDIS_PORT=tcp://ip:port next to a service called redis.
        let env = ["REDIS_PORT": "tcp://10.0.0.1:6379", "REDIS_DB": "x", "REDIS_SSL": "maybe"]
        let config = try loadConfig(["-p", "7000", "-n", "1", "--tls"], env: env)
        #expect(config.connection.port == 7000)
        let error = try #require(loadFailure([], env: ["REDIS_PORT": "tcp://10.0.0.1:6379"]))
        #expect(error.message.hasPrefix("REDIS_PORT: 'tcp://10.0.0.1:6379' is not a valid port"))
        #expect(error.hint?.contains("Kubernetes") == true)
    }

    @Test func profileFromFlagBeatsREDIS_ENV() throws {
        let config = try loadConfig(["--profile", "testing"], env: ["REDIS_ENV": "production"])
        #expect(config.profile == .testing)
        #expect(config.source(of: .profile) == .flag("--profile"))
        let fromEnv = try loadConfig([], env: ["REDIS_ENV": "Testing"])
        #expect(fromEnv.profile == .testing)
        #expect(fromEnv.source(of: .profile) == .environment("REDIS_ENV"))
        let error = try #require(loadFailure([], env: ["REDIS_ENV": "staging"]))
        #expect(error.message == "REDIS_ENV: unknown profile 'staging'")
        #expect(error.hint == "use one of: development, testing, production")
    }

    @Test func timeoutsAndKeepaliveFromFlags() throws {
        let config = try loadConfig(["-t", "2.5", "--timeout", "7", "--keepalive", "0"])
        #expect(config.connection.connectTimeout == 2.5)
        #expect(config.source(of: .connectTimeout) == .flag("-t"))
        #expect(config.connection.operationTimeout == 7)
        #expect(config.source(of: .operationTimeout) == .flag("--timeout"))
        #expect(config.connection.keepalive == 0)
        #expect(config.source(of: .keepalive) == .flag("--keepalive"))
        let long = try loadConfig(["--connect-timeout", "3"])
        #expect(long.source(of: .connectTimeout) == .flag("--connect-timeout"))
    }

    @Test func certificateFolderFromEnvironment() throws {
        let files = FakeFiles(entries: [
            "/certs/ca.crt": .file(mode: 0o644), "/certs/client.crt": .file(mode: 0o644), "/certs/client.key": .file(),
        ])
        let config = try loadConfig(["--tls"], env: ["REDIS_CERT_PATH": "/certs/"], files: files)
        #expect(config.connection.tls.caFile == "/certs/ca.crt")
        #expect(config.connection.tls.certificateFile == "/certs/client.crt")
        #expect(config.connection.tls.keyFile == "/certs/client.key")
        #expect(config.source(of: .keyFile) == .environment("REDIS_CERT_PATH"))
        #expect(config.warnings.isEmpty)

        let overridden = try loadConfig(
            ["--tls", "--cacert", "/other/ca.pem"], env: ["REDIS_CERT_PATH": "/certs"],
            files: FakeFiles(entries: ["/other/ca.pem": .file(mode: 0o644)]))
        #expect(overridden.connection.tls.caFile == "/other/ca.pem")
        #expect(overridden.source(of: .caFile) == .flag("--cacert"))
        #expect(overridden.connection.tls.certificateFile == nil)
    }

    @Test func tlsDetailsComeFromFlags() throws {
        let config = try loadConfig([
            "--tls", "--sni", "front.example", "--tls-server-name", "redis.internal", "--insecure",
            "--tls-ciphers", "ECDHE-RSA-AES256-GCM-SHA384", "--tls-ciphersuites", "TLS_AES_256_GCM_SHA384",
        ])
        let tls = config.connection.tls
        #expect(tls.sni == "front.example")
        #expect(tls.expectedServerName == "redis.internal")
        #expect(config.connection.verifiedName == "redis.internal")
        #expect(!tls.verifyPeer)
        #expect(config.source(of: .verifyPeer) == .flag("--insecure"))
        #expect(tls.ciphers == "ECDHE-RSA-AES256-GCM-SHA384")
        #expect(tls.ciphersuites == "TLS_AES_256_GCM_SHA384")
        #expect(config.source(of: .ciphersuites) == .flag("--tls-ciphersuites"))
    }

    @Test func commandAndOptionsPassThrough() throws {
        let config = try loadConfig(["--csv", "-r", "3", "-e", "HGETALL", "h"])
        #expect(config.options.command == ["HGETALL", "h"])
        #expect(config.options.output == .csv)
        #expect(config.source(of: .output) == .flag("--csv"))
        #expect(config.options.repeatCount == 3)
        #expect(config.options.exitOnErrorReply)
    }

    @Test func helpSkipsEverythingElse() throws {
        let config = try loadConfig(["--help"], env: ["REDIS_PORT": "bad", "REDIS_ENV": "nope"])
        #expect(config.options.showHelp)
    }

    @Test(
        "value sources describe themselves",
        arguments: [
            (ValueSource.flag("--tls"), "flag --tls"), (.url(.commandLine), "URL (-u)"),
            (.url(.environment), "URL (REDIS_URL)"), (.environment("REDIS_HOST"), "env REDIS_HOST"),
            (.profileDefault(.production), "production profile"), (.builtinDefault, "default"),
        ])
    func sourceDescriptions(_ source: ValueSource, _ text: String) {
        #expect(source.description == text)
    }
}
