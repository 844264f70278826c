import Testing
import COpenSSL
@testable import ConnCore

@Suite("Certificate expiry and TLS failure wording") struct CertificateRulesTests {
    private let day: Int64 = 86_400
    private func certificate(lifetimeDays: Int64, leftDays: Double, now: Int64 = 1_800_000_000) -> CertificateInfo {
        let notAfter = now + Int64(leftDays * Double(day))
        return CertificateInfo(subject: "CN=localhost", issuer: "CN=Test CA",
                               subjectAlternativeNames: ["DNS:localhost", "IP:127.0.0.1"], serialHex: "01",
                               notBefore: notAfter - lifetimeDays * day, notAfter: notAfter)
    }

    @Test(arguments: [
        (365.0 * 2, 200.0, CertificateInfo.ExpiryLevel.ok),
        (365.0, 31.0, .ok),
        (365.0, 30.0, .warning),
        (90.0, 29.9, .warning),
        (90.0, 31.0, .ok),
        (60.0, 20.0, .warning),
        (365.0, 7.0, .critical),
        (365.0, 0.5, .critical),
        (365.0, -1.0, .expired),
    ])
    func expiryLevels(lifetime: Double, left: Double, level: CertificateInfo.ExpiryLevel) {
        let now: Int64 = 1_800_000_000
        #expect(certificate(lifetimeDays: Int64(lifetime), leftDays: left, now: now).expiryLevel(now: now) == level)
    }

    @Test func daysLeftFloors() {
        let now: Int64 = 1_800_000_000
        #expect(certificate(lifetimeDays: 10, leftDays: 5.9, now: now).daysLeft(now: now) == 5)
        #expect(certificate(lifetimeDays: 10, leftDays: -0.5, now: now).daysLeft(now: now) == -1)
    }

    @Test func expiredNamesTheDate() {
        let now: Int64 = 1_800_000_000
        let cert = certificate(lifetimeDays: 30, leftDays: -3, now: now)
        let error = TLSFailure.verification(code: X509_V_ERR_CERT_HAS_EXPIRED, reason: "certificate has expired",
                                            endpoint: "h:1", verifiedName: "h", chain: [cert], now: now, queue: [])
        #expect(error.message.contains("expired on \(UTCDate.format(cert.notAfter))"))
        #expect(error.message.contains("3 days ago"))
        #expect(error.hint?.contains("renew") == true)
    }

    @Test func hostMismatchListsTheNamesTheCertificateCarries() {
        let error = TLSFailure.verification(code: X509_V_ERR_HOSTNAME_MISMATCH, reason: "hostname mismatch",
                                            endpoint: "h:1", verifiedName: "redis.example.com",
                                            chain: [certificate(lifetimeDays: 30, leftDays: 10)], now: 1_800_000_000, queue: [])
        #expect(error.message.contains("'redis.example.com'"))
        #expect(error.message.contains("DNS:localhost, IP:127.0.0.1"))
        #expect(error.hint?.contains("--tls-server-name") == true)
    }

    @Test func queueTextMapsToCauses() {
        func message(_ line: String) -> String {
            TLSFailure.fromQueue([line], sslError: SSL_ERROR_SSL, errno: 0, endpoint: "h:1", duringHandshake: true).message
        }
        #expect(message("error:0A00010B:SSL routines::wrong version number").contains("without TLS"))
        #expect(message("error:0A00042E:SSL routines::tlsv1 alert protocol version").contains("TLS 1.2 or 1.3"))
        #expect(message("error:0A00045C:SSL routines::tlsv13 alert certificate required").contains("client certificate"))
        #expect(message("error:0A000418:SSL routines::tlsv1 alert unknown ca").contains("rejected this client's certificate"))
        #expect(message("error:0A000126:SSL routines::unexpected eof while reading").contains("closed the connection"))
    }

    @Test func ipLiteralsAreRecognised() {
        #expect(IPAddress.isLiteral("127.0.0.1"))
        #expect(IPAddress.isLiteral("::1"))
        #expect(!IPAddress.isLiteral("localhost"))
        #expect(!IPAddress.isLiteral("[::1]"))
    }
}
