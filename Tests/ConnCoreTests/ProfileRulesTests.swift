import Testing
@testable import ConnCore

@Suite("Profile rules")
struct ProfileRulesTests {
    private let production = ["REDIS_ENV": "production"]

    @Test func developmentAndTestingUseTLSOnlyWhenAsked() throws {
        for profile in ["development", "testing"] {
            let plain = try loadConfig(["--profile", profile])
            #expect(!plain.connection.tls.enabled)
            #expect(plain.source(of: .tls) == .profileDefault(Profile(rawValue: profile)!))
            let asked = try loadConfig(["--profile", profile], env: ["REDIS_SSL": "true"])
            #expect(asked.connection.tls.enabled)
        }
    }

    @Test func productionTurnsTLSOnByDefault() throws {
        let config = try loadConfig(["-h", "cache.example.com"], env: production)
        #expect(config.profile == .production)
        #expect(config.connection.tls.enabled)
        #expect(config.source(of: .tls) == .profileDefault(.production))
        #expect(config.source(of: .tls).description == "production profile")
    }

    @Test func productionAcceptsASafeConfiguration() throws {
        let files = FakeFiles(entries: ["/etc/redis/ca.crt": .file(mode: 0o644)])
        let config = try loadConfig(
            ["--askpass", "--user", "app", "--cacert", "/etc/redis/ca.crt", "-u", "rediss://cache:6380/2"],
            env: production, files: files)
        #expect(config.connection.tls.enabled)
        #expect(config.needsPasswordPrompt)
        let fromEnv = try loadConfig([], env: production.merging(["REDISCLI_AUTH": Fixture.canary]) { $1 })
        #expect(fromEnv.connection.password?.reveal() == Fixture.canary)
        #expect(fromEnv.warnings.isEmpty)
        // A password inside REDIS_URL is not on the command line.
        let envURL = try loadConfig([], env: production.merging(["REDIS_URL": "rediss://:\(Fixture.canary)@h"]) { $1 })
        #expect(envURL.connection.password?.reveal() == Fixture.canary)
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var env: [String: String] = [:]
        /// Fragments the message must contain: the rule and what broke it.
        var rule: [String]
        /// Fragments the hint must contain: the fix.
        var fix: [String]
        var testDescription: String { arguments.joined(separator: " ") + " \(env)" }
    }

    static let refusals: [Refusal] = [
        Refusal(
            arguments: ["-u", "redis://cache:6379"], rule: ["production profile requires TLS", "URL (-u) uses redis://"],
            fix: ["rediss://"]),
        Refusal(
            arguments: ["--tls", "-u", "redis://cache:6379"], rule: ["production profile requires TLS", "redis://"],
            fix: ["rediss://"]),
        Refusal(
            arguments: [], env: ["REDIS_URL": "redis://cache"],
            rule: ["production profile requires TLS", "URL (REDIS_URL) uses redis://"], fix: ["rediss://"]),
        Refusal(
            arguments: [], env: ["REDIS_SSL": "false"],
            rule: ["production profile requires TLS", "TLS is turned off (env REDIS_SSL)"],
            fix: ["REDIS_SSL=true", "--tls"]),
        Refusal(
            arguments: ["--insecure"], rule: ["production profile does not allow --insecure", "verification"],
            fix: ["remove --insecure", "--cacert"]),
        Refusal(
            arguments: ["-a", Fixture.canary], rule: ["production profile does not allow a password on the command line", "-a"],
            fix: ["REDISCLI_AUTH", "REDIS_PASSWORD", "--askpass"]),
        Refusal(
            arguments: ["--pass", Fixture.canary], rule: ["password on the command line", "with --pass"],
            fix: ["REDISCLI_AUTH", "--askpass"]),
        Refusal(
            arguments: ["-u", "rediss://app:\(Fixture.canary)@cache"], rule: ["password on the command line", "in the -u URL"],
            fix: ["REDISCLI_AUTH", "--askpass"]),
        // redis-cli's rule: user info without ':' is a password, so this is one on the command line.
        Refusal(
            arguments: ["-u", "rediss://app@cache"], rule: ["password on the command line", "in the -u URL"],
            fix: ["REDISCLI_AUTH", "rediss://user:@host"]),
        // Even when --askpass makes the typed password unused, it was exposed in ps.
        Refusal(arguments: ["--askpass", "-a", Fixture.canary], rule: ["password on the command line"], fix: ["--askpass"]),
        Refusal(
            arguments: ["--tls-ciphers", "AES128-SHA"], rule: ["production profile does not allow --tls-ciphers"],
            fix: ["remove --tls-ciphers"]),
        Refusal(
            arguments: ["--tls-ciphersuites", "TLS_AES_128_GCM_SHA256"],
            rule: ["production profile does not allow --tls-ciphersuites"], fix: ["remove --tls-ciphersuites"]),
    ]

    @Test("production refusals name the rule and the fix", arguments: refusals)
    func productionRefusals(_ example: Refusal) throws {
        let env = example.env.merging(["REDIS_ENV": "production"]) { $1 }
        let error = try #require(loadFailure(example.arguments, env: env))
        #expect(error.kind == .configuration)
        #expect(error.message.hasPrefix("refused: "))
        for fragment in example.rule {
            #expect(error.message.contains(fragment), "message: \(error.message)")
        }
        let hint = try #require(error.hint)
        for fragment in example.fix {
            #expect(hint.contains(fragment), "hint: \(hint)")
        }
        #expect(!error.description.contains(Fixture.canary))
    }

    @Test func sameSettingsAreAcceptedOutsideProduction() throws {
        for example in Self.refusals {
            let env = example.env.merging(["REDIS_ENV": "development"]) { $1 }
            #expect(loadFailure(example.arguments, env: env) == nil, "\(example.testDescription)")
        }
    }

    @Test func profileFlagCanSelectProduction() throws {
        let error = try #require(loadFailure(["--profile", "production", "--insecure"]))
        #expect(error.message.contains("--insecure"))
    }

    @Test func defaultTLSPerProfile() {
        #expect(!ProfileRules.defaultTLS(for: .development))
        #expect(!ProfileRules.defaultTLS(for: .testing))
        #expect(ProfileRules.defaultTLS(for: .production))
    }
}
