import Foundation
import Testing
import TestSupport

/// `redis-console --doctor`, the built binary against real TLS servers: the verdict, the exit
/// code (0 ok, 1 warning, 2 critical) and the words an on-call engineer reads.
@Suite("redis-console --doctor") struct DoctorEndToEndTests {
    static let password = "doctor-canary-7Qx2v9"
    let certificates: TestCertificates
    let binary: String

    init() throws {
        certificates = try TestCertificates.shared()
        binary = try BinaryLocator.redisConsole()
    }

    /// Latency thresholds far above loopback, so a busy test machine never turns a PING
    /// sample into a warning; the latency rules themselves are tested in DoctorChecksTests.
    func doctor(port: Int, _ extra: [String] = [], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(binary, ["--doctor", "--tls", "--cacert", certificates.caCertificate, "-h", "127.0.0.1",
                                       "-p", "\(port)", "--latency-warn-ms", "1000", "--latency-crit-ms", "5000"] + extra,
                              environment: environment, timeout: .seconds(30))
    }

    func server(_ kind: TestCertificates.Server = .good, password: String? = nil) throws -> RedisServer {
        try RedisServer(.init(plaintext: false, tls: .using(certificates, server: kind), password: password))
    }

    /// The line of a step, e.g. `[ ok ] TLS handshake ...`.
    func line(_ result: ProcessResult, _ title: String) -> String? {
        result.stdout.split(separator: "\n").map(String.init).first { $0.dropFirst(7).hasPrefix(title) }
    }

    @Test("a healthy server: every step ok, exit 0")
    func healthy() throws {
        let server = try server(password: Self.password)
        defer { server.stop() }
        let result = try doctor(port: try #require(server.tlsPort), environment: ["REDISCLI_AUTH": Self.password])
        #expect(result.status == 0, "exit \(result.status)\n\(result.stdout)\(result.stderr)")
        for title in ["DNS resolution", "TCP connect", "TLS handshake", "certificate chain", "authentication",
                      "PING latency", "server INFO", "SLOWLOG", "LATENCY DOCTOR"] {
            #expect(line(result, title)?.hasPrefix("[ ok ]") == true, "\(title): \(result.stdout)")
        }
        #expect(line(result, "TLS handshake")?.contains("TLSv1.3") == true)
        #expect(line(result, "TLS handshake")?.contains("resumed on 2nd handshake") == true, "\(result.stdout)")
        #expect(line(result, "client certificate")?.hasPrefix("[skip]") == true)
        #expect(result.stdout.contains("matches the certificate's IP:127.0.0.1"))
        #expect(result.stdout.contains("AUTH accepted for user 'default'"))
        #expect(result.stdout.contains("20 PINGs: p50 "))
        #expect(result.stdout.contains("redis 7."))
        #expect(result.stdout.hasSuffix("verdict: OK (0 warnings, 0 critical)\n"), "\(result.stdout)")
        #expect(!result.stdout.contains(Self.password) && !result.stderr.contains(Self.password))
    }

    @Test("an expired certificate: critical, the expiry named, nothing sent, exit 2")
    func expiredCertificate() throws {
        let server = try server(.expired)
        defer { server.stop() }
        let result = try doctor(port: try #require(server.tlsPort))
        #expect(result.status == 2, "exit \(result.status)\n\(result.stdout)\(result.stderr)")
        #expect(line(result, "certificate chain")?.hasPrefix("[CRIT]") == true, "\(result.stdout)")
        #expect(line(result, "certificate chain")?.contains("has expired on") == true, "\(result.stdout)")
        #expect(line(result, "TLS handshake")?.hasPrefix("[CRIT]") == true)
        // The chain was still read, on a connection labelled as inspection only.
        #expect(result.stdout.contains("verification OFF, for inspection only"))
        #expect(result.stdout.contains("days left   -"), "\(result.stdout)")
        #expect(line(result, "authentication")?.contains("skipped: nothing is sent over a TLS connection that failed verification") == true)
        #expect(result.stdout.contains("verdict: CRITICAL"))
        #expect(result.stdout.contains("fix: certificate chain: renew the certificate"))
    }

    @Test("a certificate for another host: the names explained, exit 2")
    func wrongHost() throws {
        let server = try server(.wrongHost)
        defer { server.stop() }
        let result = try doctor(port: try #require(server.tlsPort))
        #expect(result.status == 2, "exit \(result.status)\n\(result.stdout)\(result.stderr)")
        #expect(line(result, "certificate chain")?.contains("does not match '127.0.0.1'") == true, "\(result.stdout)")
        #expect(result.stdout.contains("the IP address '127.0.0.1' was asked for, but the certificate presents DNS:wrong.example.com"))
        #expect(result.stdout.contains("--tls-server-name"))
        #expect(line(result, "PING latency")?.hasPrefix("[skip]") == true)
    }

    @Test("a wrong password: authentication critical with a fix, the password never shown, exit 2")
    func wrongPassword() throws {
        let server = try server(password: Self.password)
        defer { server.stop() }
        let wrong = "wrong-" + Self.password
        let port = try #require(server.tlsPort)
        for output in [[], ["--json"]] {
            let result = try doctor(port: port, output, environment: ["REDISCLI_AUTH": wrong])
            #expect(result.status == 2, "exit \(result.status)\n\(result.stdout)\(result.stderr)")
            for secret in [wrong, Self.password] {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(result.stdout)\(result.stderr)")
            }
            if output.isEmpty {
                #expect(line(result, "authentication")?.hasPrefix("[CRIT]") == true, "\(result.stdout)")
                #expect(line(result, "authentication")?.contains("rejected user 'default'") == true)
                #expect(result.stdout.contains("fix: authentication: check the password"))
                #expect(line(result, "TLS handshake")?.hasPrefix("[ ok ]") == true)
                #expect(line(result, "PING latency")?.contains("skipped: not authenticated") == true)
            }
        }
    }

    @Test("nothing listening: DNS ok, TCP critical, the rest skipped, exit 2")
    func downServer() throws {
        let result = try doctor(port: try FreePort.next(), ["--connect-timeout", "2"])
        #expect(result.status == 2, "exit \(result.status)\n\(result.stdout)\(result.stderr)")
        #expect(line(result, "DNS resolution")?.hasPrefix("[ ok ]") == true)
        #expect(line(result, "TCP connect")?.hasPrefix("[CRIT]") == true, "\(result.stdout)")
        #expect(line(result, "TCP connect")?.contains("connection refused") == true)
        for title in ["TLS handshake", "certificate chain", "authentication", "PING latency", "server INFO", "SLOWLOG", "LATENCY DOCTOR"] {
            #expect(line(result, title)?.hasPrefix("[skip]") == true, "\(title): \(result.stdout)")
        }
        #expect(result.stdout.contains("verdict: CRITICAL (0 warnings, 1 critical)"))
    }

    @Test("20 days left: a warning, exit 1; the thresholds flags move the verdict")
    func expiringCertificate() throws {
        let server = try server(.expiring20)
        defer { server.stop() }
        let port = try #require(server.tlsPort)
        let result = try doctor(port: port)
        #expect(result.status == 1, "exit \(result.status)\n\(result.stdout)\(result.stderr)")
        #expect(line(result, "certificate chain")?.hasPrefix("[WARN]") == true, "\(result.stdout)")
        #expect(line(result, "certificate chain")?.contains("expires in 20 days") == true, "\(result.stdout)")
        #expect(result.stdout.contains("verdict: WARNING (1 warning, 0 critical)"))
        let relaxed = try doctor(port: port, ["--cert-warn-days", "10"])
        #expect(relaxed.status == 0, "\(relaxed.stdout)")
        let strict = try doctor(port: port, ["--cert-crit-days", "25", "--cert-warn-days", "40"])
        #expect(strict.status == 2, "\(strict.stdout)")
    }

    @Test("--json: one object whose exit_code is the process's")
    func json() throws {
        let good = try server()
        defer { good.stop() }
        let expired = try server(.expired)
        defer { expired.stop() }
        for (server, code) in [(good, Int32(0)), (expired, 2)] {
            let result = try doctor(port: try #require(server.tlsPort), ["--json"])
            #expect(result.status == code, "\(result.stdout)\(result.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdoutBytes)) as? [String: Any],
                                      "\(result.stdout)")
            #expect(object["exit_code"] as? Int == Int(code))
            #expect(object["verdict"] as? String == (code == 0 ? "ok" : "critical"))
            let steps = try #require(object["steps"] as? [[String: Any]])
            #expect(steps.count == 10)
            #expect(steps.first?["name"] as? String == "dns")
            let chain = try #require(steps.first { $0["name"] as? String == "certificate_chain" })
            let details = try #require(chain["details"] as? [String: Any])
            #expect((details["certificates"] as? [[String: Any]])?.first?["days_left"] is Int)
        }
    }

    @Test("thresholds on the wrong side are a usage error: exit 1 before connecting")
    func badThresholds() throws {
        let result = try ProcessRunner.run(binary, ["--doctor", "--cert-warn-days", "3"], timeout: .seconds(10))
        #expect(result.status == 1)
        #expect(result.stderr.contains("--cert-crit-days 7 is more than --cert-warn-days 3"), "\(result.stderr)")
        #expect(result.stderr.contains("fix:"))
        #expect(result.stdoutBytes.isEmpty)
    }
}
