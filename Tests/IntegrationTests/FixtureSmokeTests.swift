import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The fixtures themselves work: certificates, a real TLS redis-server, clean shutdown, and the
/// misbehaving listeners. Checked with redis-cli, independently of our own client.
@Suite struct FixtureSmokeTests {
    @Test func tlsServerAnswersPingAndStopsCleanly() throws {
        let certs = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certs), password: "smoke-pass"))
        let tlsPort = try #require(server.tlsPort)
        #expect(server.port == nil)

        let reply = try ProcessRunner.run(
            "redis-cli", ["--tls", "--cacert", certs.caCertificate, "-h", "127.0.0.1", "-p", "\(tlsPort)", "PING"],
            environment: ["REDISCLI_AUTH": "smoke-pass"])
        #expect(reply.status == 0, "\(reply.stderr)")
        #expect(reply.stdout == "PONG\n")

        if server.ipv6 {
            let v6 = try ProcessRunner.run(
                "redis-cli", ["--tls", "--cacert", certs.caCertificate, "-h", "::1", "-p", "\(tlsPort)", "PING"],
                environment: ["REDISCLI_AUTH": "smoke-pass"])
            #expect(v6.stdout == "PONG\n", "\(v6.stderr)")
        }

        let pid = try #require(server.pid)
        let started = ContinuousClock.now
        server.stop()
        #expect(kill(pid, 0) == -1 && errno == ESRCH, "redis-server \(pid) still exists after stop()")
        #expect(server.pid == nil)
        // A graceful stop: SIGTERM reached it (not blocked by the test thread's signal mask).
        #expect(server.log.contains("Received SIGTERM"), "\(server.log)")
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func mutualTLSAndACLUsers() throws {
        let certs = try TestCertificates.shared()
        let server = try RedisServer(.init(
            plaintext: false, tls: .using(certs, authClients: .yes),
            users: [.init("alice", password: "alice-pw")]))
        let port = "\(try #require(server.tlsPort))"
        let base = ["--tls", "--cacert", certs.caCertificate, "-p", port]
        let client = ["--cert", certs.client.certificate, "--key", certs.client.key]

        let noCert = try ProcessRunner.run("redis-cli", base + ["PING"])
        #expect(noCert.stdout != "PONG\n")

        let alice = try ProcessRunner.run(
            "redis-cli", base + client + ["--user", "alice", "--pass", "alice-pw", "--no-auth-warning",
                                          "DEBUG", "SLEEP", "0"])
        #expect(alice.stdout == "OK\n", "\(alice.stderr)")
    }

    @Test func restartKeepsPorts() throws {
        let server = try RedisServer()
        let port = try #require(server.port)
        let before = try #require(server.pid)
        try server.restart()
        #expect(server.port == port)
        #expect(server.pid != before)
        #expect(kill(before, 0) == -1)
        let reply = try ProcessRunner.run("redis-cli", ["-p", "\(port)", "PING"])
        #expect(reply.stdout == "PONG\n")
    }

    @Test func brokenServerCertificateIsRejectedByRedisCLI() throws {
        let certs = try TestCertificates.shared()
        let server = try RedisServer(.init(plaintext: false, tls: .using(certs, server: .expired)))
        let reply = try ProcessRunner.run(
            "redis-cli", ["--tls", "--cacert", certs.caCertificate, "-p", "\(try #require(server.tlsPort))", "PING"])
        #expect(reply.status != 0)
        #expect(reply.stderr.contains("certificate verify failed"))
    }

    @Test func misbehavingListeners() throws {
        let plaintext = try FixedReplyListener()
        let reply = try ProcessRunner.run("redis-cli", ["-p", "\(plaintext.port)", "PING"])
        #expect(reply.stdout.hasPrefix("ERR plaintext\n"))

        let fake = try FakeRESPServer { command in
            command.first == "GET" ? .replyAndClose(FakeRESPServer.truncatedBulk) : .reply("+OK\r\n")
        }
        let ok = try ProcessRunner.run("redis-cli", ["-p", "\(fake.port)", "SET", "k", "v"])
        #expect(ok.stdout == "OK\n")
        let cut = try ProcessRunner.run("redis-cli", ["-p", "\(fake.port)", "GET", "k"])
        #expect(cut.status != 0)
        #expect(fake.commands == [["SET", "k", "v"], ["GET", "k"]])

        let silent = try SilentListener()
        let hung = try ProcessRunner.run("timeout", ["1", "redis-cli", "-p", "\(silent.port)", "PING"])
        #expect(hung.status == 124)
        #expect(silent.acceptedConnections == 1)
    }

    @Test func missingExecutableIsAnError() {
        #expect(throws: TestSupportError.self) {
            _ = try ProcessRunner.run("definitely-not-a-command-xyz", [])
        }
    }
}
