import Testing
@testable import ConnCore

@Suite("--show-config")
struct ShowConfigTests {
    /// The line for one setting, found by its label.
    private func line(_ lines: [String], _ label: String) -> String? {
        lines.first { $0.hasPrefix(label + " ") }
    }

    @Test(
        "the password never appears",
        arguments: [
            (["-a", Fixture.canary, "--no-auth-warning"], [String: String]()),
            (["-u", "rediss://app:\(Fixture.canary)@cache:6380/2"], [:]),
            ([], ["REDIS_URL": "rediss://\(Fixture.canary)@cache"]),
            ([], ["REDISCLI_AUTH": Fixture.canary]),
            ([], ["REDIS_PASSWORD": Fixture.canary, "REDIS_USERNAME": "app"]),
        ])
    func neverShowsThePassword(_ arguments: [String], _ env: [String: String]) throws {
        let config = try loadConfig(arguments + ["--show-config"], env: env)
        #expect(config.connection.password?.reveal() == Fixture.canary)  // the Fixture.canary really is loaded
        let text = ConfigurationRenderer.render(config).joined(separator: "\n")
        #expect(!text.contains(Fixture.canary))
        #expect(!text.contains("CANARY"))
        #expect(line(ConfigurationRenderer.render(config), "password")?.contains("***") == true)
        #expect(!"\(config)".contains(Fixture.canary))
        #expect(!String(reflecting: config).contains(Fixture.canary))
        #expect(!config.warnings.joined().contains(Fixture.canary))
    }

    @Test func everyValueShowsItsSource() throws {
        let config = try loadConfig(
            ["-h", "cache.example.com", "--tls", "--show-config"],
            env: ["REDIS_PORT": "6380", "REDISCLI_AUTH": Fixture.canary, "REDIS_ENV": "testing", "REDIS_USERNAME": "app",
                  "REDIS_DB": "2"])
        let lines = ConfigurationRenderer.render(config)
        #expect(line(lines, "profile")?.hasSuffix("testing  (env REDIS_ENV)") == true)
        #expect(line(lines, "host")?.hasSuffix("cache.example.com  (flag -h)") == true)
        #expect(line(lines, "port")?.hasSuffix("6380  (env REDIS_PORT)") == true)
        #expect(line(lines, "database")?.hasSuffix("2  (env REDIS_DB)") == true)
        #expect(line(lines, "user")?.hasSuffix("app  (env REDIS_USERNAME)") == true)
        #expect(line(lines, "password")?.hasSuffix("***  (env REDISCLI_AUTH)") == true)
        #expect(line(lines, "tls")?.hasSuffix("on  (flag --tls)") == true)
        #expect(line(lines, "connect timeout")?.hasSuffix("5s  (default)") == true)
        #expect(line(lines, "tls ca file")?.contains("(system trust store)") == true)
        #expect(line(lines, "connection")?.hasSuffix("rediss://app:***@cache.example.com:6380/2") == true)
        // Every line but the URL carries a source in parentheses.
        #expect(lines.filter { !$0.hasPrefix("connection ") }.allSatisfy { $0.hasSuffix(")") })
        #expect(lines.count == 33)
    }

    @Test func dashboardRefreshShowsItsRateAndSource() throws {
        #expect(line(ConfigurationRenderer.render(try loadConfig([])), "dashboard refresh")?.hasSuffix("4 Hz  (default)") == true)
        let lines = ConfigurationRenderer.render(try loadConfig(["--refresh", "2.5"]))
        #expect(line(lines, "dashboard refresh")?.hasSuffix("2.5 Hz  (flag --refresh)") == true)
    }

    @Test func poolAndRetrySettingsShowWhetherAFlagSetThem() throws {
        let lines = ConfigurationRenderer.render(try loadConfig(["--pool-size", "8", "--retry-cap", "5"]))
        #expect(line(lines, "pool size")?.hasSuffix("8  (flag --pool-size)") == true)
        #expect(line(lines, "pool timeout")?.hasSuffix("5s  (default)") == true)
        #expect(line(lines, "retries")?.hasSuffix("3  (default)") == true)
        #expect(line(lines, "retry backoff")?.hasSuffix("base 0.1s, cap 5s  (flag --retry-base/--retry-cap)") == true)
    }

    @Test func noPasswordAndPrompt() throws {
        let none = ConfigurationRenderer.render(try loadConfig([]))
        #expect(line(none, "password")?.contains("(none)  (default)") == true)
        #expect(line(none, "keepalive")?.contains("15s") == true)
        #expect(line(none, "tls sni")?.contains("[unused: TLS is off]") == true)
        let prompt = ConfigurationRenderer.render(try loadConfig(["--askpass"]))
        #expect(line(prompt, "password")?.contains("(asked at start, --askpass)  (flag --askpass)") == true)
    }

    @Test func decimalsAndOffValues() throws {
        let lines = ConfigurationRenderer.render(try loadConfig(["-t", "0.5", "--keepalive", "0", "--tls", "--insecure"]))
        #expect(line(lines, "connect timeout")?.contains("0.5s  (flag -t)") == true)
        #expect(line(lines, "keepalive")?.contains("off  (flag --keepalive)") == true)
        #expect(line(lines, "tls verification")?.contains("OFF  (flag --insecure)") == true)
    }

    @Test(
        "redacted connection URL",
        arguments: [
            (["-u", "rediss://app:\(Fixture.canary)@cache:6380/2"], "rediss://app:***@cache:6380/2"),
            (["-h", "::1", "-a", Fixture.canary], "redis://:***@[::1]:6379/0"),
            (["-h", "h", "--user", "app"], "redis://app:@h:6379/0"),
            ([], "redis://127.0.0.1:6379/0"),
        ])
    func redactedConnectionURL(_ arguments: [String], _ expected: String) throws {
        let config = try loadConfig(arguments)
        #expect(config.connection.redactedURL == expected)
        // What we print parses back to the same place.
        let reparsed = try RedisURL.parse(config.connection.redactedURL)
        #expect(reparsed.host == config.connection.host)
        #expect(reparsed.username == config.connection.username)
    }
}
