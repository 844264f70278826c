import ConnCore
import Testing
@testable import ConsoleUI

@Suite("--tls-info report") struct TLSReportTests {
    private let now: Int64 = 1_800_000_000

    private func certificate(daysLeft: Int64) -> CertificateInfo {
        CertificateInfo(subject: "CN=localhost", issuer: "CN=Test CA", subjectAlternativeNames: ["DNS:localhost"],
                        serialHex: "0A", notBefore: now - 100 * 86_400, notAfter: now + daysLeft * 86_400 + 3600)
    }

    @Test func showsSessionFactsAndEachCertificatesExpiry() {
        let session = TLSSessionInfo(version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256", handshakeSeconds: 0.00234,
                                     resumed: true, verifiedName: "localhost", serverNameIndication: "localhost",
                                     peerChain: [certificate(daysLeft: 5), certificate(daysLeft: 200)])
        let lines = TLSReport.render(session, endpoint: "localhost:6380", now: now)
        #expect(lines.contains("protocol          TLSv1.3"))
        #expect(lines.contains("handshake         2.3 ms (session resumed)"))
        #expect(lines.contains("chain             2 certificates sent by the server"))
        #expect(lines.contains("    expires in   5 days (CRITICAL: 7 days or less)"))
        #expect(lines.contains("    expires in   200 days (ok)"))
        #expect(lines.contains("    names        DNS:localhost"))
    }

    @Test func warnsOnStderrOnlyForCertificatesNearTheirEnd() {
        let session = TLSSessionInfo(version: "TLSv1.3", cipher: "x", handshakeSeconds: 0, resumed: false,
                                     verifiedName: "localhost", serverNameIndication: nil,
                                     peerChain: [certificate(daysLeft: 5), certificate(daysLeft: 20), certificate(daysLeft: 200)])
        let warnings = TLSReport.expiryWarnings(session, now: now)
        #expect(warnings.count == 2)
        #expect(warnings[0].hasPrefix("Warning: the server's certificate CN=localhost expires in 5 days"))
        #expect(warnings[0].contains("(critical)"))
        #expect(!warnings[1].contains("critical"))
        #expect(TLSReport.expiryWarnings(nil, now: now).isEmpty)
    }

    @Test func insecureAndPlaintextAreSaidOutLoud() {
        let session = TLSSessionInfo(version: "TLSv1.2", cipher: "ECDHE-RSA-AES128-GCM-SHA256", handshakeSeconds: 0.01,
                                     resumed: false, verifiedName: nil, serverNameIndication: nil, peerChain: [])
        #expect(TLSReport.render(session, endpoint: "h:1", now: now).contains("verified name     NOT VERIFIED (--insecure)"))
        #expect(TLSReport.render(nil, endpoint: "h:1", now: now).first?.contains("PLAINTEXT") == true)
    }

    @Test func expiredCertificateSaysHowLongAgo() {
        let expired = CertificateInfo(subject: "CN=x", issuer: "CN=y", subjectAlternativeNames: [], serialHex: "1",
                                      notBefore: now - 30 * 86_400, notAfter: now - 2 * 86_400 - 10)
        #expect(TLSReport.expiry(expired, now: now) == "EXPIRED 3 days ago")
    }
}
