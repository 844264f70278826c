import Testing
@testable import ConnCore

@Suite("Flag parsing")
struct FlagParserTests {
    @Test func everyValueFlag() throws {
        let flags = try FlagParser.parse([
            "-h", "cache.local", "-p", "6380", "-a", Fixture.canary, "--user", "app", "-u", "rediss://u:pw@urlhost:7000/4",
            "-n", "3", "-t", "1.5", "--timeout", "2", "--keepalive", "0", "--sni", "sni.example",
            "--cacert", "/c/ca.crt", "--cacertdir", "/c/dir", "--cert", "/c/client.crt", "--key", "/c/client.key",
            "--tls-ciphers", "ECDHE-RSA-AES128-GCM-SHA256", "--tls-ciphersuites", "TLS_AES_128_GCM_SHA256",
            "--tls-server-name", "redis.internal", "--profile", "testing", "-r", "5", "-i", "0.25",
        ])
        #expect(flags.host == "cache.local")
        #expect(flags.port == 6380)
        #expect(flags.password == FlagValue(Secret(Fixture.canary)!, flag: "-a"))
        #expect(flags.username == "app")
        #expect(flags.url == RedisURL(tls: true, username: "u", password: Secret("pw"), host: "urlhost", port: 7000, database: 4))
        #expect(flags.database == 3)
        #expect(flags.connectTimeout == FlagValue(1.5, flag: "-t"))
        #expect(flags.operationTimeout == 2)
        #expect(flags.keepalive == 0)
        #expect(flags.sni == "sni.example")
        #expect(flags.caFile == "/c/ca.crt")
        #expect(flags.caDirectory == "/c/dir")
        #expect(flags.certificateFile == "/c/client.crt")
        #expect(flags.keyFile == "/c/client.key")
        #expect(flags.ciphers == "ECDHE-RSA-AES128-GCM-SHA256")
        #expect(flags.ciphersuites == "TLS_AES_128_GCM_SHA256")
        #expect(flags.expectedServerName == "redis.internal")
        #expect(flags.profile == .testing)
        #expect(flags.options.repeatCount == 5)
        #expect(flags.options.interval == 0.25)
        #expect(flags.options.command.isEmpty)
        #expect(!flags.tls && !flags.insecure)
    }

    @Test func poolAndRetryFlags() throws {
        let flags = try FlagParser.parse([
            "--pool-size", "8", "--pool-timeout", "0.5", "--pool-min-idle", "2", "--health-interval", "10",
            "--retries", "0", "--retry-base", "0.2", "--retry-cap", "4", "--stats", "--interval", "2",
        ])
        #expect(flags.pool.maxSize == 8 && flags.pool.acquireTimeout == 0.5 && flags.pool.minIdle == 2)
        #expect(flags.pool.healthInterval == 10 && flags.options.healthIntervalGiven)
        #expect(!(try FlagParser.parse([]).options.healthIntervalGiven))
        #expect(flags.retry.retries == 0 && flags.retry.backoff == Backoff(base: 0.2, cap: 4))
        #expect(flags.options.showStats && flags.options.interval == 2 && !flags.options.repeatCountGiven)
        #expect(try FlagParser.parse(["--refresh", "10", "--no-tui"]).options.refreshHertz == 10)
    }

    @Test(arguments: [
        (["--pool-size", "0"], "--pool-size: '0' is not a whole number from 1 to 10000"),
        (["--retries", "-1"], "--retries: '-1' is not a whole number from 0 to 100"),
        (["--health-interval", "0"], "--health-interval: '0' is not a valid number of seconds (more than 0)"),
        (["--pool-timeout", "soon"], "--pool-timeout: 'soon' is not a valid number of seconds (0 or more)"),
        (["--refresh", "0"], "--refresh: '0' is not a rate from 0.5 to 30 per second"),
        (["--refresh", "100"], "--refresh: '100' is not a rate from 0.5 to 30 per second"),
    ])
    func badPoolAndRetryValuesAreNamed(arguments: [String], message: String) {
        #expect(throws: ConsoleError.self) { try FlagParser.parse(arguments) }
        do {
            _ = try FlagParser.parse(arguments)
        } catch {
            #expect(error.message == message)
            #expect(error.hint != nil)
        }
    }

    @Test func everySwitch() throws {
        let flags = try FlagParser.parse([
            "--askpass", "--tls", "--insecure", "--no-auth-warning", "-e", "-x", "--show-config", "--tls-info", "PING",
        ])
        #expect(flags.options.askpass)
        #expect(flags.tls)
        #expect(flags.insecure)
        #expect(flags.options.noAuthWarning)
        #expect(flags.options.exitOnErrorReply)
        #expect(flags.options.lastArgumentFromStdin)
        #expect(flags.options.showConfig)
        #expect(flags.options.showTLS)
        #expect(flags.options.command == ["PING"])
        #expect(flags.tlsOnlyFlagsGiven == ["--insecure"])
    }

    @Test(
        "output flags, last one wins",
        arguments: [
            (["--raw"], OutputFormat.raw), (["--no-raw"], .formatted), (["--csv"], .csv), (["--json"], .json),
            (["--quoted-json"], .quotedJSON), (["--raw", "--csv"], .csv), (["--json", "--no-raw"], .formatted),
            ([], .automatic),
        ])
    func outputFlags(_ arguments: [String], _ expected: OutputFormat) throws {
        let flags = try FlagParser.parse(arguments)
        #expect(flags.options.output == expected)
        #expect(flags.outputFlag == arguments.last)
    }

    @Test func passAndDashAAreAliasesLastWins() throws {
        let flags = try FlagParser.parse(["-a", "first", "--pass", "second"])
        #expect(flags.password?.value.reveal() == "second")
        #expect(flags.password?.flag == "--pass")
        #expect(flags.commandLinePasswordFlag == "--pass")
    }

    @Test func connectTimeoutRecordsTheFlagTyped() throws {
        #expect(try FlagParser.parse(["--connect-timeout", "3"]).connectTimeout == FlagValue(3, flag: "--connect-timeout"))
        #expect(try FlagParser.parse(["-t", "0.5"]).connectTimeout == FlagValue(0.5, flag: "-t"))
    }

    @Test func emptyPasswordIsNoPassword() throws {
        let flags = try FlagParser.parse(["-a", ""])
        #expect(flags.password == nil)
        #expect(flags.commandLinePasswordFlag == nil)
    }

    @Test func urlPasswordCountsAsCommandLinePassword() throws {
        #expect(try FlagParser.parse(["-u", "redis://:pw@h"]).commandLinePasswordFlag == "-u")
        #expect(try FlagParser.parse(["-u", "redis://h"]).commandLinePasswordFlag == nil)
    }

    @Test func bracketedHostIsAccepted() throws {
        #expect(try FlagParser.parse(["-h", "[::1]"]).host == "::1")
        #expect(try FlagParser.parse(["-h", "::1"]).host == "::1")
    }

    @Test func firstNonFlagStartsTheCommand() throws {
        let flags = try FlagParser.parse(["-p", "1", "SET", "-h", "x", "--tls"])
        #expect(flags.port == 1)
        #expect(flags.host == nil)
        #expect(!flags.tls)
        #expect(flags.options.command == ["SET", "-h", "x", "--tls"])
    }

    @Test func valuesMayStartWithADash() throws {
        let flags = try FlagParser.parse(["-r", "-1", "-h", "-weird-host", "INCR", "n"])
        #expect(flags.options.repeatCount == -1)
        #expect(flags.host == "-weird-host")
        #expect(flags.options.command == ["INCR", "n"])
        #expect(try FlagParser.parse(["-r", "-7"]).options.repeatCount == -1)
    }

    @Test func helpAndVersionStopParsing() throws {
        let help = try FlagParser.parse(["--help", "--no-such-flag"])
        #expect(help.options.showHelp)
        let version = try FlagParser.parse(["-p", "1", "--version", "-p"])
        #expect(version.options.showVersion)
        #expect(try FlagParser.parse(["-v"]).options.showVersion)
    }

    @Test(
        "a value flag at the end is missing its value",
        arguments: FlagParser.valueFlags.sorted())
    func missingValue(_ flag: String) throws {
        let error = try #require(flagFailure(["--tls", flag]))
        #expect(error.kind == .usage)
        #expect(error.message == "option \(flag) needs a value")
    }

    @Test(
        "bad values name the flag",
        arguments: [
            (["-p", "abc"], "-p: 'abc' is not a valid port"), (["-p", "0"], "-p: '0' is not a valid port"),
            (["-p", "65536"], "-p: '65536' is not a valid port"), (["-n", "-1"], "-n: '-1' is not a valid database"),
            (["-n", "x"], "-n: 'x' is not a valid database"), (["-t", "0"], "-t: '0' is not a valid number of seconds"),
            (["-t", "abc"], "-t: 'abc'"), (["--connect-timeout", "-2"], "--connect-timeout: '-2'"),
            (["--timeout", "0"], "--timeout: '0'"), (["--timeout", "inf"], "--timeout: 'inf'"),
            (["--keepalive", "-1"], "--keepalive: '-1'"), (["-i", "-1"], "-i: '-1'"), (["-r", "x"], "-r: 'x'"),
            (["--profile", "staging"], "--profile: unknown profile 'staging'"),
            (["-h", ""], "option -h needs a non-empty value"), (["--cacert", ""], "option --cacert needs a non-empty value"),
        ])
    func badValues(_ arguments: [String], _ message: String) throws {
        let error = try #require(flagFailure(arguments))
        #expect(error.kind == .usage)
        #expect(error.message.hasPrefix(message), "\(error.message)")
        #expect(error.hint != nil)
    }

    @Test func badURLIsNamedAsComingFromDashU() throws {
        let error = try #require(flagFailure(["-u", "redis://h:99999"]))
        #expect(error.message.hasPrefix("-u: invalid Redis URL: the URL's port"))
    }

    @Test func zeroKeepaliveAndIntervalAreAllowed() throws {
        let flags = try FlagParser.parse(["--keepalive", "0", "-i", "0"])
        #expect(flags.keepalive == 0)
        #expect(flags.options.interval == 0)
    }

    @Test(
        "unknown flags are named",
        arguments: [("--nope", "unknown option '--nope'"), ("-Z", "unknown option '-Z'"), ("-", "unknown option '-'"),
                    ("--", "unknown option '--'"), ("-s", "redis-cli's option -s is not supported"),
                    ("--hotkeys", "redis-cli's option --hotkeys is not supported")])
    func unknownFlags(_ flag: String, _ message: String) throws {
        let error = try #require(flagFailure(["-p", "1", flag, "PING"]))
        #expect(error.kind == .usage)
        #expect(error.message.hasPrefix(message), "\(error.message)")
        #expect(error.hint?.contains("--help") == true)
    }

    @Test(
        "an unknown flag glued to a secret is not echoed",
        arguments: ["--pass=\(Fixture.canary)", "-a\(Fixture.canary)", "-uredis://:\(Fixture.canary)@h", "--user=x:\(Fixture.canary)"])
    func unknownFlagsHideValues(_ flag: String) throws {
        let error = try #require(flagFailure([flag]))
        #expect(error.message.hasPrefix("unknown option"))
        #expect(!error.description.contains(Fixture.canary))
    }

    @Test func helpTextListsEveryFlag() {
        let text = HelpText.usage
        let switches = ["--askpass", "--tls", "--insecure", "--no-auth-warning", "--raw", "--no-raw", "--csv",
                        "--json", "--quoted-json", "-e", "-x", "--show-config", "--tls-info", "--help", "--version",
                        "--latency", "--latency-history", "--latency-dist", "--stat", "--scan", "--bigkeys",
                        "--memkeys", "--pipe"]
        for flag in FlagParser.valueFlags.sorted() + switches {
            #expect(text.contains("  \(flag) ") || text.contains("  \(flag),"), "help lacks \(flag)")
        }
    }
}
