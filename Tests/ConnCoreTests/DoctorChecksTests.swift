import Testing
@testable import ConnCore

/// The doctor's verdicts, decided from observations without any I/O.
@Suite("Doctor checks") struct DoctorChecksTests {
    let now: Int64 = 1_800_000_000
    let day: Int64 = 86_400

    func certificate(daysLeft: Double, names: [String] = ["DNS:localhost", "IP:127.0.0.1"],
                     subject: String = "CN=localhost") -> CertificateInfo {
        let notAfter = now + Int64(daysLeft * Double(day))
        return CertificateInfo(subject: subject, issuer: "CN=Test CA", subjectAlternativeNames: names, serialHex: "01",
                               notBefore: min(now - 10 * day, notAfter - 400 * day), notAfter: notAfter)
    }

    func session(_ chain: [CertificateInfo], verifiedName: String? = "127.0.0.1") -> TLSSessionInfo {
        TLSSessionInfo(version: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384", handshakeSeconds: 0.003, resumed: false,
                       verifiedName: verifiedName, serverNameIndication: nil, peerChain: chain)
    }

    // MARK: - overall verdict and exit code

    @Test("the worst judged step decides; skipped steps never do", arguments: [
        ([DoctorVerdict.ok, .ok], DoctorVerdict.ok, Int32(0)),
        ([.ok, .warning, .skipped], .warning, 1),
        ([.warning, .critical, .ok], .critical, 2),
        ([.skipped, .skipped], .ok, 0),
        ([.critical, .skipped], .critical, 2),
    ])
    func overallVerdict(verdicts: [DoctorVerdict], expected: DoctorVerdict, exitCode: Int32) {
        let steps = verdicts.enumerated().map { DoctorStep(DoctorStep.Kind.allCases[$0.offset], $0.element, summary: "s") }
        let report = DoctorReport(endpoint: "rediss://h:1/0", time: now, steps: steps)
        #expect(report.verdict == expected)
        #expect(report.exitCode == exitCode)
        #expect(report.count(.skipped) == verdicts.filter { $0 == .skipped }.count)
    }

    // MARK: - thresholds

    @Test func thresholdsOnTheWrongSideAreRefused() throws {
        var thresholds = DoctorThresholds()
        try thresholds.validate()
        thresholds.certificateCriticalDays = 40
        #expect(throws: ConsoleError.self) { try thresholds.validate() }
        thresholds = DoctorThresholds()
        thresholds.latencyCriticalMilliseconds = 5
        #expect(throws: ConsoleError.self) { try thresholds.validate() }
    }

    @Test("certificate verdict by days left", arguments: [
        (200.0, DoctorVerdict.ok), (30.5, .ok), (29.0, .warning), (8.0, .warning), (6.5, .critical), (-1.0, .critical),
    ])
    func certificateVerdict(daysLeft: Double, verdict: DoctorVerdict) {
        #expect(DoctorThresholds().certificateVerdict(certificate(daysLeft: daysLeft), now: now) == verdict)
    }

    @Test func customCertificateThresholds() {
        var thresholds = DoctorThresholds()
        thresholds.certificateWarningDays = 60
        thresholds.certificateCriticalDays = 21
        #expect(thresholds.certificateVerdict(certificate(daysLeft: 45), now: now) == .warning)
        #expect(thresholds.certificateVerdict(certificate(daysLeft: 20), now: now) == .critical)
        #expect(thresholds.certificateVerdict(certificate(daysLeft: 61), now: now) == .ok)
    }

    // MARK: - host names

    @Test("host-name matching as the handshake does it", arguments: [
        ("127.0.0.1", ["DNS:localhost", "IP:127.0.0.1"], "IP:127.0.0.1"),
        ("LOCALHOST", ["DNS:localhost"], "DNS:localhost"),
        ("a.example.com", ["DNS:*.example.com"], "DNS:*.example.com"),
        ("::1", ["IP:0:0:0:0:0:0:0:1"], "IP:0:0:0:0:0:0:0:1"),
    ])
    func matches(name: String, names: [String], entry: String) {
        let match = HostNameMatch.check(name, against: names)
        #expect(match.matchedEntry == entry)
        #expect(match.explanation.contains("matches the certificate's \(entry)"))
    }

    @Test("names that must not match", arguments: [
        ("127.0.0.1", ["DNS:127.0.0.1"]),            // an IP only matches IP: entries
        ("a.b.example.com", ["DNS:*.example.com"]),  // one label only
        ("example.com", ["DNS:*.example.com"]),
        ("foo.example.com", ["DNS:f*.example.com"]), // no partial wildcards
        ("localhost", ["IP:127.0.0.1"]),
        ("localhost", []),
    ])
    func doesNotMatch(name: String, names: [String]) {
        let match = HostNameMatch.check(name, against: names)
        #expect(match.matchedEntry == nil)
        #expect(match.explanation.contains("'\(name)'"))
    }

    @Test func mismatchNamesWhatWasPresented() {
        let text = HostNameMatch.check("127.0.0.1", against: ["DNS:wrong.example.com"]).explanation
        #expect(text.contains("'127.0.0.1' was asked for"))
        #expect(text.contains("DNS:wrong.example.com"))
        #expect(text.contains("IP: entries"))
        #expect(HostNameMatch.check("h", against: []).explanation.contains("no subject alternative names"))
    }

    // MARK: - DNS, TCP, TLS

    @Test func dnsAndTCP() {
        let found = ConnectionChecks.dns(host: "cache.example.com", addresses: .success(["10.0.0.1", "10.0.0.2"]), seconds: 0.01)
        #expect(found.verdict == .ok)
        #expect(found.summary == "cache.example.com -> 10.0.0.1, 10.0.0.2")
        let failed = ConnectionChecks.dns(host: "nope", addresses: .failure(ConsoleError(.resolve, "cannot resolve", hint: "check")), seconds: 0)
        #expect(failed.verdict == .critical && failed.fix == "check")
        let refused = ConnectionChecks.tcp(endpoint: "h:1", failure: ConsoleError(.connect, "refused", hint: "start it"), seconds: 0)
        #expect(refused.verdict == .critical && refused.summary == "refused" && refused.fix == "start it")
        #expect(ConnectionChecks.tcp(endpoint: "h:1", failure: nil, seconds: 0).verdict == .ok)
    }

    @Test func tlsSummaryNamesVersionCipherAndResumption() {
        let ok = ConnectionChecks.tls(TLSObservation(session: session([]), failure: nil, resumption: .resumed(seconds: 0.001), seconds: 0.003))
        #expect(ok.verdict == .ok)
        #expect(ok.summary == "TLSv1.3 TLS_AES_256_GCM_SHA384, resumed on 2nd handshake")
        let full = ConnectionChecks.tls(TLSObservation(session: session([]), failure: nil, resumption: .notResumed(seconds: 0.003), seconds: 0.003))
        #expect(full.verdict == .ok && full.summary.hasSuffix("not resumed on 2nd handshake"))
        let insecure = ConnectionChecks.tls(TLSObservation(session: session([], verifiedName: nil), failure: nil,
                                                           resumption: .notTried("x"), seconds: 0))
        #expect(insecure.verdict == .warning && insecure.fix?.contains("--insecure") == true)
        #expect(ConnectionChecks.tlsOff(endpoint: "h:1").verdict == .warning)
    }

    @Test func tlsFailureWithAnInspectablePeerPointsAtTheChain() {
        let failure = ConsoleError(.tls, "the server's certificate has expired", hint: "renew it", cause: "verify error 10")
        let step = ConnectionChecks.tls(TLSObservation(session: nil, failure: failure, inspected: session([]),
                                                       resumption: .notTried("x"), seconds: 0.002))
        #expect(step.verdict == .critical)
        #expect(step.summary.contains("see certificate chain"))
        #expect(step.details.contains { $0.name == "without verification" })
        let plain = ConnectionChecks.tls(TLSObservation(session: nil, failure: failure, resumption: .notTried("x"), seconds: 0))
        #expect(plain.summary == failure.message && plain.fix == "renew it")
    }

    // MARK: - certificates

    @Test("chain verdict follows the worst certificate", arguments: [
        (365.0, DoctorVerdict.ok), (20.0, .warning), (5.0, .critical),
    ])
    func chainExpiry(daysLeft: Double, verdict: DoctorVerdict) {
        let step = CertificateChecks.chain(session: session([certificate(daysLeft: daysLeft), certificate(daysLeft: 3000, subject: "CN=CA")]),
                                           failure: nil, expectedName: "127.0.0.1", now: now, thresholds: DoctorThresholds())
        #expect(step.verdict == verdict)
        #expect(step.summary.contains("expires in \(Int(daysLeft)) days"))
        if verdict != .ok { #expect(step.fix?.contains("renew") == true) }
        #expect(step.details.first { $0.name == "host name" }?.value == .text("the IP address '127.0.0.1' matches the certificate's IP:127.0.0.1"))
    }

    @Test func failedVerificationIsLabelledInspection() {
        let failure = ConsoleError(.tls, "the server's certificate does not match '127.0.0.1'", hint: "use --tls-server-name")
        let step = CertificateChecks.chain(session: session([certificate(daysLeft: 300, names: ["DNS:wrong.example.com"])], verifiedName: nil),
                                           failure: failure, expectedName: "127.0.0.1", now: now, thresholds: DoctorThresholds())
        #expect(step.verdict == .critical)
        #expect(step.summary == failure.message && step.fix == failure.hint)
        guard case .text(let label)? = step.details.first?.value else { Issue.record("no inspection label"); return }
        #expect(label.contains("verification OFF") && label.contains("nothing was sent"))
        guard case .text(let host)? = step.details.first(where: { $0.name == "host name" })?.value else { Issue.record(); return }
        #expect(host.contains("DNS:wrong.example.com"))
    }

    @Test func expiredCertificateSaysSo() {
        let step = CertificateChecks.chain(session: session([certificate(daysLeft: -2.5)]), failure: nil,
                                           expectedName: "localhost", now: now, thresholds: DoctorThresholds())
        #expect(step.verdict == .critical)
        #expect(step.summary.contains("EXPIRED 3 days ago"))
    }

    @Test func clientCertificate() {
        let thresholds = DoctorThresholds()
        #expect(CertificateChecks.clientCertificate(path: nil, certificates: nil, now: now, thresholds: thresholds).verdict == .skipped)
        #expect(CertificateChecks.clientCertificate(path: "/c.crt", certificates: [], now: now, thresholds: thresholds).verdict == .critical)
        let soon = CertificateChecks.clientCertificate(path: "/c.crt", certificates: [certificate(daysLeft: 10)], now: now, thresholds: thresholds)
        #expect(soon.verdict == .warning && soon.fix?.contains("--cert") == true)
        let fine = CertificateChecks.clientCertificate(path: "/c.crt", certificates: [certificate(daysLeft: 100)], now: now, thresholds: thresholds)
        #expect(fine.verdict == .ok && fine.fix == nil)
    }

    // MARK: - server steps

    @Test func authentication() {
        #expect(ServerChecks.authentication(.accepted(user: "app"), seconds: 0).summary == "AUTH accepted for user 'app'")
        #expect(ServerChecks.authentication(.noPassword, seconds: 0).verdict == .ok)
        let wrong = ServerChecks.authentication(.failed(ConsoleError(.authentication, "authentication failed", hint: "check the password",
                                                                      cause: "WRONGPASS")), seconds: 0)
        #expect(wrong.verdict == .critical && wrong.fix == "check the password")
    }

    @Test("PING verdict by p50, with spikes above critical warning", arguments: [
        ([Double](repeating: 0.0002, count: 20), DoctorVerdict.ok),
        ([Double](repeating: 0.02, count: 20), .warning),
        ([Double](repeating: 0.2, count: 20), .critical),
        ([Double](repeating: 0.0002, count: 19) + [0.5], .warning),
    ])
    func ping(samples: [Double], verdict: DoctorVerdict) {
        let step = ServerChecks.ping(samples: samples, failure: nil, thresholds: DoctorThresholds())
        #expect(step.verdict == verdict)
        #expect(step.summary.hasPrefix("\(samples.count) PINGs: p50 "))
    }

    @Test func pingFailureIsCritical() {
        let step = ServerChecks.ping(samples: [0.001], failure: "the server replied LOADING", thresholds: DoctorThresholds())
        #expect(step.verdict == .critical && step.summary.contains("LOADING"))
        #expect(ServerChecks.ping(samples: [], failure: nil, thresholds: DoctorThresholds()).verdict == .skipped)
    }

    @Test func serverInfoVerdicts() {
        let healthy = ServerInfo.parse("# Server\r\nredis_version:7.0.15\r\nuptime_in_seconds:90000\r\n# Replication\r\nrole:master\r\nconnected_slaves:1\r\n")
        let ok = ServerChecks.serverInfo(first: healthy, second: healthy, seconds: 0)
        #expect(ok.verdict == .ok)
        #expect(ok.summary == "redis 7.0.15 master, up 1d 1h")

        let failing = ServerInfo.parse("rdb_last_bgsave_status:err\r\nrole:master\r\n")
        #expect(ServerChecks.serverInfo(first: failing, second: failing, seconds: 0).verdict == .critical)

        let replica = ServerInfo.parse("role:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\nmaster_link_status:down\r\n")
        let down = ServerChecks.serverInfo(first: replica, second: replica, seconds: 0)
        #expect(down.verdict == .critical && down.fix?.contains("primary") == true)

        let before = ServerInfo.parse("role:master\r\nuptime_in_seconds:10\r\nrejected_connections:3\r\n")
        let after = ServerInfo.parse("role:master\r\nuptime_in_seconds:11\r\nrejected_connections:5\r\n")
        let rejecting = ServerChecks.serverInfo(first: before, second: after, seconds: 0)
        #expect(rejecting.verdict == .warning)
        #expect(rejecting.summary.contains("rejected"))
    }

    @Test func slowlogParsesAndHidesThePassword() throws {
        let reply = RESPValue.array([
            .array([.integer(7), .integer(1_800_000_000), .integer(12_500),
                    .array([.bulk("CONFIG"), .bulk("SET"), .bulk("masterauth"), .bulk(Fixture.canary)]),
                    .bulk("127.0.0.1:5555"), .bulk("")]),
            .array([.integer(6), .integer(1_799_999_000), .integer(2_000), .array([.bulk("KEYS"), .bulk("*")])]),
            .bulk("junk"),
        ])
        let entries = try #require(SlowlogEntry.parse(reply))
        #expect(entries.count == 2)
        #expect(entries[0].client == "127.0.0.1:5555")
        let step = ServerChecks.slowlog(entries, password: Secret(Fixture.canary), seconds: 0)
        #expect(step.verdict == .ok)
        #expect(step.summary.contains("slowest 13 ms"))
        #expect(!"\(step)".contains(Fixture.canary))
        #expect(SlowlogEntry.parse(.bulk("x")) == nil)
        #expect(ServerChecks.slowlog([], password: nil, seconds: 0).summary.hasPrefix("empty"))
    }

    @Test func refusedCommandIsSkipped() {
        let step = ServerChecks.refused(.latencyDoctor, command: "LATENCY DOCTOR", reply: "NOPERM")
        #expect(step.verdict == .skipped && step.summary.contains("NOPERM"))
    }

    // MARK: - flags

    @Test func doctorFlags() throws {
        let config = try loadConfig(["--doctor", "--cert-warn-days", "45", "--cert-crit-days", "10",
                                     "--latency-warn-ms", "2.5", "--latency-crit-ms", "50"])
        #expect(config.options.doctor)
        let thresholds = config.options.doctorThresholds
        #expect(thresholds.certificateWarningDays == 45 && thresholds.certificateCriticalDays == 10)
        #expect(thresholds.latencyWarningMilliseconds == 2.5 && thresholds.latencyCriticalMilliseconds == 50)
        let lines = ConfigurationRenderer.render(config)
        #expect(lines.contains { $0.hasPrefix("doctor cert warning") && $0.hasSuffix("45 days  (flag --cert-warn-days)") })
        #expect(lines.contains { $0.hasPrefix("doctor latency critical") && $0.hasSuffix("50 ms  (flag --latency-crit-ms)") })
        let defaults = ConfigurationRenderer.render(try loadConfig([]))
        #expect(defaults.contains { $0.hasPrefix("doctor cert critical") && $0.hasSuffix("7 days  (default)") })
    }

    @Test("bad threshold values name the flag and the fix", arguments: [
        (["--cert-warn-days", "soon"], "--cert-warn-days"),
        (["--cert-crit-days", "-1"], "--cert-crit-days"),
        (["--latency-warn-ms", "0"], "--latency-warn-ms"),
        (["--latency-crit-ms", "fast"], "--latency-crit-ms"),
        (["--cert-warn-days", "5"], "--cert-crit-days 7 is more than --cert-warn-days 5"),
        (["--latency-crit-ms", "5"], "--latency-crit-ms 5 is less than --latency-warn-ms 10"),
        (["--latency-warn-ms"], "needs a value"),
    ])
    func badThresholds(arguments: [String], message: String) throws {
        let error = try #require(loadFailure(["--doctor"] + arguments))
        #expect(error.kind == .usage)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.hint != nil)
    }
}
