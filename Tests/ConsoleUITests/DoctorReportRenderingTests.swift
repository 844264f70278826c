import ConnCore
import Foundation
import Testing
@testable import ConsoleUI

/// The doctor's text and JSON reports, rendered from fixed reports.
@Suite("Doctor report rendering") struct DoctorReportRenderingTests {
    let now: Int64 = 1_800_000_000

    var report: DoctorReport {
        DoctorReport(endpoint: "rediss://app:***@127.0.0.1:6380/0", time: now, steps: [
            DoctorStep(.dns, .ok, seconds: 0.0001, summary: "127.0.0.1 is an IP address: nothing to look up",
                       details: [DoctorField("addresses", .list([.text("127.0.0.1")]))]),
            DoctorStep(.tls, .ok, seconds: 0.0031, summary: "TLSv1.3 TLS_AES_256_GCM_SHA384, resumed on 2nd handshake",
                       details: [DoctorField("version", .text("TLSv1.3"))]),
            DoctorStep(.certificateChain, .warning, summary: "CN=localhost expires in 20 days",
                       details: [DoctorField("certificates", .list([.fields([
                           DoctorField("subject", .text("CN=localhost")), DoctorField("days left", .integer(20)),
                           DoctorField("not after", .time(now + 20 * 86_400)),
                       ])]))],
                       fix: "renew the server's certificate"),
            .skipped(.clientCertificate, "no client certificate configured (--cert)"),
            DoctorStep(.ping, .ok, seconds: 0.004, summary: "20 PINGs",
                       details: [DoctorField("p50", .seconds(0.000042)), DoctorField("used", .bytes(2048))]),
            DoctorStep(.latencyDoctor, .ok, seconds: 0.001, summary: "evil \u{1B}[2J text"),
        ])
    }

    @Test func textHasOneBlockPerStepAndAVerdict() {
        let lines = DoctorTextReport.render(report)
        #expect(lines[0] == "redis-console --doctor rediss://app:***@127.0.0.1:6380/0 at \(UTCDate.format(now))")
        #expect(lines.contains("[ ok ] TLS handshake        3.1 ms  TLSv1.3 TLS_AES_256_GCM_SHA384, resumed on 2nd handshake"))
        #expect(lines.contains("[skip] client certificate           skipped: no client certificate configured (--cert)"))
        #expect(lines.contains("[WARN] certificate chain            CN=localhost expires in 20 days"))
        #expect(lines.contains("       version  TLSv1.3"))
        #expect(lines.contains("         [0] subject    CN=localhost"))
        #expect(lines.contains("             days left  20"))
        #expect(lines.contains("       p50   0.042 ms"))
        #expect(lines.contains("       used  2.0 KiB"))
        #expect(lines.suffix(2) == ["verdict: WARNING (1 warning, 0 critical)",
                                    "fix: certificate chain: renew the server's certificate"])
        // Server text cannot drive the terminal.
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test func verdictLineCountsBoth() {
        var failing = report
        failing.steps.append(DoctorStep(.authentication, .critical, summary: "authentication failed", fix: nil))
        #expect(DoctorTextReport.verdictLine(failing) == "verdict: CRITICAL (1 warning, 1 critical)")
        // A step without a fix still gets a line: its summary.
        #expect(DoctorTextReport.render(failing).last == "fix: authentication: authentication failed")
    }

    @Test func jsonIsOneObjectWithExitCodeAndSteps() throws {
        let text = DoctorJSON.render(report).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "warning")
        #expect(object["exit_code"] as? Int == 1)
        #expect(object["endpoint"] as? String == "rediss://app:***@127.0.0.1:6380/0")
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["name"] as? String } == ["dns", "tls", "certificate_chain", "client_certificate", "ping", "latency_doctor"])
        #expect(steps[3]["verdict"] as? String == "skipped")
        #expect(steps[3]["seconds"] is NSNull)
        #expect(steps[0]["seconds"] as? Double == 0.0001)
        let chain = try #require(steps[2]["details"] as? [String: Any])
        let certificates = try #require(chain["certificates"] as? [[String: Any]])
        #expect(certificates[0]["days_left"] as? Int == 20)
        #expect(certificates[0]["not_after"] as? Int == Int(now + 20 * 86_400))
        #expect(steps[2]["fix"] as? String == "renew the server's certificate")
    }
}
