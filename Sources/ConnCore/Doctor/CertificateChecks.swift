/// Verdicts on certificates: the server's chain as presented (with the host name explained) and
/// the client certificate's expiry. Pure; the clock is a parameter.
public enum CertificateChecks {
    /// - session: the verified session, or the inspection one when `failure` is set.
    /// - expectedName: the name the certificate must carry (`--tls-server-name`, else the host).
    public static func chain(session: TLSSessionInfo, failure: ConsoleError?, expectedName: String,
                             now: Int64, thresholds: DoctorThresholds) -> DoctorStep {
        let chain = session.peerChain
        var details: [DoctorField] = []
        if failure != nil {
            details.append(DoctorField("inspection", .text(
                "this chain was fetched on a separate connection with verification OFF, for inspection only; "
                    + "nothing was sent on it")))
        }
        guard let leaf = chain.first else {
            return DoctorStep(.certificateChain, .critical, summary: "the server sent no certificate", details: details,
                              fix: "configure tls-cert-file and tls-key-file on the server")
        }
        let match = HostNameMatch.check(expectedName, against: leaf.subjectAlternativeNames)
        details.append(DoctorField("host name", .text(match.explanation)))
        details.append(DoctorField("certificates", .list(chain.map { .fields(fields($0, now: now, thresholds: thresholds)) })))

        if let failure {
            return DoctorStep(.certificateChain, .critical, summary: failure.message, details: details, fix: failure.hint)
        }
        let verdicts = chain.map { thresholds.certificateVerdict($0, now: now) }
        let worst = DoctorVerdict.worst(verdicts)
        if worst != .ok, let index = verdicts.firstIndex(of: worst) {
            let certificate = chain[index]
            return DoctorStep(.certificateChain, worst, summary: "\(certificate.subject) " + expiry(certificate, now: now),
                              details: details,
                              fix: "renew the server's certificate before \(UTCDate.format(certificate.notAfter)) and reload "
                                + "redis-server (tls-cert-file)")
        }
        let plural = chain.count == 1 ? "" : "s"
        var summary = "\(chain.count) certificate\(plural), \(leaf.subject) \(expiry(leaf, now: now))"
        if session.verifiedName == nil {
            summary += "; NOT VERIFIED (--insecure): " + (match.matches ? "the name would match" : "the name would NOT match")
            return DoctorStep(.certificateChain, .warning, summary: summary, details: details,
                              fix: "drop --insecure and pass the server's CA with --cacert")
        }
        return DoctorStep(.certificateChain, .ok, summary: summary + ", verified for \(expectedName)", details: details)
    }

    /// - path: `--cert`, nil when no client certificate is configured.
    /// - certificates: what the file holds, leaf first (nil: unreadable).
    public static func clientCertificate(path: String?, certificates: [CertificateInfo]?, now: Int64,
                                         thresholds: DoctorThresholds) -> DoctorStep {
        guard let path else { return .skipped(.clientCertificate, "no client certificate configured (--cert)") }
        guard let leaf = certificates?.first else {
            return DoctorStep(.clientCertificate, .critical, summary: "cannot read a certificate from \(path)",
                              fix: "--cert must name a PEM certificate file")
        }
        let verdict = thresholds.certificateVerdict(leaf, now: now)
        var details = [DoctorField("file", .text(path))]
        details += fields(leaf, now: now, thresholds: thresholds)
        return DoctorStep(.clientCertificate, verdict, summary: "\(leaf.subject) " + expiry(leaf, now: now),
                          details: details,
                          fix: verdict == .ok ? nil
                            : "get a new client certificate from the CA the server trusts before \(UTCDate.format(leaf.notAfter)) "
                                + "and pass it with --cert/--key")
    }

    static func fields(_ certificate: CertificateInfo, now: Int64, thresholds: DoctorThresholds) -> [DoctorField] {
        [
            DoctorField("subject", .text(certificate.subject)),
            DoctorField("issuer", .text(certificate.issuer)),
            DoctorField("names", .list(certificate.subjectAlternativeNames.map { .text($0) })),
            DoctorField("not before", .time(certificate.notBefore)),
            DoctorField("not after", .time(certificate.notAfter)),
            DoctorField("days left", .integer(certificate.daysLeft(now: now))),
            DoctorField("expiry", .text(certificate.expiryLevel(now: now, warningDays: thresholds.certificateWarningDays,
                                                                 criticalDays: thresholds.certificateCriticalDays).rawValue)),
        ]
    }

    /// "expires in 20 days (2026-12-19 ...)", "EXPIRED 3 days ago (...)", "is not valid until ...".
    static func expiry(_ certificate: CertificateInfo, now: Int64) -> String {
        if now < certificate.notBefore { return "is not valid until \(UTCDate.format(certificate.notBefore))" }
        let days = certificate.daysLeft(now: now)
        let date = UTCDate.format(certificate.notAfter)
        // Days ago round up, as in --tls-info: one second past notAfter is "1 day ago".
        if now >= certificate.notAfter { return "EXPIRED \(-days) day\(-days == 1 ? "" : "s") ago (\(date))" }
        return "expires in \(days) day\(days == 1 ? "" : "s") (\(date))"
    }
}
