import Foundation
import Testing
import TestSupport

/// End to end: what the built `redis-console` binary does with bad certificates, the production
/// profile's rules, passwords, a plaintext port and `--help`, judged by exit status and by what
/// it writes, as a user or a script sees it.
@Suite("redis-console on the command line") struct CommandLineBehaviourTests {
    let certificates: TestCertificates
    let binary: String

    init() throws {
        certificates = try TestCertificates.shared()
        binary = try BinaryLocator.redisConsole()
    }

    func console(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(binary, arguments, environment: environment, timeout: .seconds(20))
    }

    func tlsArguments(port: Int?) -> [String] {
        ["--tls", "--cacert", certificates.caCertificate, "-h", "127.0.0.1", "-p", "\(port ?? 0)"]
    }

    // MARK: - (a) bad server certificates

    @Test("a bad server certificate exits 1 and names the cause", arguments: [
        (TestCertificates.Server.expired, "has expired on"),
        (.notYetValid, "not valid yet"),
        (.wrongHost, "does not match '127.0.0.1'"),
        (.unknownCA, "does not trust"),
        (.selfSigned, "self-signed"),
    ])
    func badCertificate(kind: TestCertificates.Server, cause: String) throws {
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates, server: kind)))
        defer { server.stop() }
        let result = try console(tlsArguments(port: server.tlsPort) + ["PING"])
        #expect(result.status == 1, "exit \(result.status); stderr: \(result.stderr)")
        #expect(result.stdoutBytes.isEmpty, "stdout: \(result.stdout)")
        #expect(result.stderr.contains(cause), "stderr does not say '\(cause)': \(result.stderr)")
        #expect(result.stderr.contains("fix:"), "no fix offered: \(result.stderr)")
        // redis-cli refuses the same certificate with the same status, except a wrong host
        // name: redis-cli 7.0 verifies the chain only, never the name, and connects.
        if kind != .wrongHost {
            let cli = try ProcessRunner.run("redis-cli", tlsArguments(port: server.tlsPort) + ["PING"])
            #expect(cli.status == result.status, "redis-cli exit \(cli.status): \(cli.stderr)")
        }
    }

    // MARK: - (b) production profile

    /// A listener that counts connections and drops them: the refusal must come before any
    /// socket is opened, so it sees none, and the message is the rule, not a connection error.
    @Test("--profile production refuses before connecting", arguments: [
        ("redis:// URL", ["-u", "redis://127.0.0.1:PORT"], "requires TLS"),
        ("--insecure", ["--tls", "--insecure", "-h", "127.0.0.1", "-p", "PORT"], "does not allow --insecure"),
        ("-a password", ["--tls", "-a", "pw-on-cmdline", "-h", "127.0.0.1", "-p", "PORT"], "password on the command line"),
    ])
    func productionRefusesBeforeConnecting(name: String, arguments: [String], rule: String) throws {
        let listener = try LoopbackListener { _ in }
        defer { listener.stop() }
        let argv = ["--profile", "production", "--cacert", certificates.caCertificate]
            + arguments.map { $0.replacingOccurrences(of: "PORT", with: "\(listener.port)") } + ["PING"]
        let result = try console(argv)
        #expect(result.status == 1, "\(name): exit \(result.status); stderr: \(result.stderr)")
        #expect(result.stdoutBytes.isEmpty, "\(name): stdout: \(result.stdout)")
        #expect(result.stderr.contains("production"), "\(name): \(result.stderr)")
        #expect(result.stderr.contains(rule), "\(name): \(result.stderr)")
        #expect(result.stderr.contains("fix:"), "\(name): no fix offered: \(result.stderr)")
        #expect(!result.stderr.contains("pw-on-cmdline"), "\(name): the password was printed: \(result.stderr)")
        for word in ["connect", "TLS handshake", "timed out"] {
            #expect(!result.stderr.contains(word), "\(name): looks like a connection error: \(result.stderr)")
        }
        usleep(150_000)  // the listener accepts within 50 ms
        #expect(listener.acceptedConnections == 0, "\(name): redis-console connected before refusing")
    }

    /// Control for the test above: the same profile with TLS and no forbidden option does try
    /// the listener, so the refusals really happened before the connection.
    @Test("--profile production with TLS does connect")
    func productionWithTLSConnects() throws {
        let listener = try LoopbackListener { _ in }
        defer { listener.stop() }
        let result = try console(["--profile", "production", "--connect-timeout", "1"]
                                 + tlsArguments(port: listener.port) + ["PING"])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("production"), "\(result.stderr)")
        usleep(150_000)
        #expect(listener.acceptedConnections >= 1, "stderr: \(result.stderr)")
    }

    // MARK: - (c) the password never appears

    @Test("the password appears in no output")
    func passwordNeverAppears() throws {
        let canary = "canary-9f3Kq27xZ"
        let wrongCanary = "wrongcanary-Hd81pQ"
        let server = try RedisServer(.init(plaintext: false, tls: .using(certificates), password: canary))
        defer { server.stop() }
        let port = try #require(server.tlsPort)
        let tls = tlsArguments(port: port)
        func expectNoCanary(_ result: ProcessResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
            for secret in [canary, wrongCanary] {
                // Also percent-encoded and split forms would show up as a substring of these.
                for fragment in [secret, String(secret.prefix(10)), String(secret.suffix(10))] {
                    #expect(!result.stdout.contains(fragment) && !result.stderr.contains(fragment),
                            "\(what) printed (part of) a password:\nstdout: \(result.stdout)\nstderr: \(result.stderr)",
                            sourceLocation: sourceLocation)
                }
            }
        }

        // From the environment: works, shows nothing.
        let ping = try console(tls + ["PING"], environment: ["REDISCLI_AUTH": canary])
        #expect(ping.stdout == "PONG\n" && ping.status == 0, "\(ping.stderr)")
        #expect(ping.stderr.isEmpty, "\(ping.stderr)")
        expectNoCanary(ping, "PING with REDISCLI_AUTH")

        for variable in ["REDISCLI_AUTH", "REDIS_PASSWORD"] {
            let config = try console(tls + ["--show-config"], environment: [variable: canary])
            #expect(config.status == 0)
            #expect(config.stdout.contains("password"), "\(config.stdout)")
            #expect(config.stdout.contains(variable), "--show-config should name the source \(variable): \(config.stdout)")
            expectNoCanary(config, "--show-config with \(variable)")
        }

        // A wrong password: an authentication error that names neither password.
        let wrong = try console(tls + ["PING"], environment: ["REDISCLI_AUTH": wrongCanary])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("authentication failed"), "\(wrong.stderr)")
        expectNoCanary(wrong, "a failed AUTH")

        // On the command line: redis-cli's warning, and still never echoed back.
        let warning = "Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe."
        for (what, secret, expectedStatus) in [("right", canary, Int32(0)), ("wrong", wrongCanary, 1)] {
            let url = ["-u", "rediss://:\(secret)@127.0.0.1:\(port)", "--cacert", certificates.caCertificate]
            let viaURL = try console(url + ["PING"])
            #expect(viaURL.status == expectedStatus, "-u with the \(what) password: \(viaURL.stderr)")
            #expect(viaURL.stderr.contains(warning), "\(viaURL.stderr)")
            expectNoCanary(viaURL, "-u rediss:// with the \(what) password")

            let viaA = try console(tls + ["-a", secret, "PING"])
            #expect(viaA.status == expectedStatus, "-a with the \(what) password: \(viaA.stderr)")
            #expect(viaA.stderr.contains(warning), "\(viaA.stderr)")
            expectNoCanary(viaA, "-a with the \(what) password")

            let config = try console(url + ["--show-config"])
            #expect(config.status == 0)
            expectNoCanary(config, "--show-config with -u")
        }
        // `ps` safety: a password from the environment is never copied into argv (redis-console
        // does not re-exec itself), and what it prints about itself is checked above.
    }

    // MARK: - (d) TLS to a plaintext port

    @Test("--tls against a plaintext port exits 1 and says so")
    func tlsToPlaintextPort() throws {
        let server = try RedisServer(.init(plaintext: true, tls: nil))
        defer { server.stop() }
        let result = try console(["--connect-timeout", "2"] + tlsArguments(port: server.port) + ["PING"])
        #expect(result.status == 1, "exit \(result.status)")
        #expect(result.stdoutBytes.isEmpty, "\(result.stdout)")
        #expect(result.stderr.contains("answered without TLS"), "\(result.stderr)")
    }

    // MARK: - (e) --help

    @Test("--help exits 0 and lists our own flags")
    func help() throws {
        let result = try console(["--help"])
        #expect(result.status == 0)
        for flag in ["--tls-server-name", "--profile", "--show-config", "--cacert", "--tls"] {
            #expect(result.stdout.contains(flag), "--help does not list \(flag)")
        }
        #expect(result.stderr.isEmpty, "\(result.stderr)")
    }
}
