/// What the TLS step saw: the handshake made with the configured policy, and when that failed,
/// a second one with verification off whose only purpose is to show what the server presents.
public struct TLSObservation: Sendable, Equatable {
    public enum Resumption: Sendable, Equatable {
        case resumed(seconds: Double)
        case notResumed(seconds: Double)
        case notTried(String)
    }

    /// The handshake with the configured policy (verified unless `--insecure`).
    public var session: TLSSessionInfo?
    public var failure: ConsoleError?
    /// With verification off, after `failure`: nothing is ever sent on that connection.
    public var inspected: TLSSessionInfo?
    public var resumption: Resumption
    public var seconds: Double

    public init(session: TLSSessionInfo?, failure: ConsoleError?, inspected: TLSSessionInfo? = nil,
                resumption: Resumption, seconds: Double) {
        self.session = session
        self.failure = failure
        self.inspected = inspected
        self.resumption = resumption
        self.seconds = seconds
    }
}

/// Verdicts of the steps up to a TLS session: DNS, TCP, TLS. Pure.
public enum ConnectionChecks {
    public static func dns(host: String, addresses: Result<[String], ConsoleError>, seconds: Double) -> DoctorStep {
        switch addresses {
        case .failure(let error):
            return DoctorStep(.dns, .critical, seconds: seconds, summary: error.message, fix: error.hint)
        case .success(let found):
            let literal = IPAddress.isLiteral(host)
            let summary = literal
                ? "\(host) is an IP address: nothing to look up"
                : "\(host) -> " + found.joined(separator: ", ")
            return DoctorStep(.dns, .ok, seconds: seconds, summary: summary,
                              details: [DoctorField("addresses", .list(found.map { .text($0) }))])
        }
    }

    /// `failure` nil means connected.
    public static func tcp(endpoint: String, failure: ConsoleError?, seconds: Double) -> DoctorStep {
        if let failure {
            return DoctorStep(.tcp, .critical, seconds: seconds, summary: failure.message, fix: failure.hint)
        }
        return DoctorStep(.tcp, .ok, seconds: seconds, summary: "connected to \(endpoint)")
    }

    /// A plaintext connection: it works, but the password and data travel in the clear.
    public static func tlsOff(endpoint: String) -> DoctorStep {
        DoctorStep(.tls, .warning, summary: "TLS is off: traffic to \(endpoint), password included, travels unencrypted",
                   fix: "connect with --tls (or a rediss:// URL) to the server's tls-port")
    }

    public static func tls(_ seen: TLSObservation) -> DoctorStep {
        if let failure = seen.failure {
            var details = [DoctorField("error", .text(failure.message))]
            if let cause = failure.cause { details.append(DoctorField("cause", .text(cause))) }
            guard let inspected = seen.inspected else {
                return DoctorStep(.tls, .critical, seconds: seen.seconds, summary: failure.message, details: details,
                                  fix: failure.hint)
            }
            // The handshake works without verification: the certificate is the problem, and the
            // certificate chain step explains it.
            details.append(DoctorField("without verification", .text(
                "a handshake with verification OFF (inspection only, nothing sent) negotiated "
                    + "\(inspected.version) \(inspected.cipher)")))
            return DoctorStep(.tls, .critical, seconds: seen.seconds,
                              summary: "certificate verification failed, so no trusted connection (see certificate chain)",
                              details: details, fix: "fix the certificate problem named under certificate chain")
        }
        guard let session = seen.session else {
            return .skipped(.tls, "no TLS session")
        }
        let resumption: String
        var details = [
            DoctorField("version", .text(session.version)),
            DoctorField("cipher", .text(session.cipher)),
            DoctorField("verified name", .text(session.verifiedName ?? "NOT VERIFIED (--insecure)")),
            DoctorField("sni", .text(session.serverNameIndication ?? "(none: IP address)")),
        ]
        switch seen.resumption {
        case .resumed(let seconds):
            resumption = "resumed on 2nd handshake"
            details.append(DoctorField("resumption", .text("the 2nd handshake resumed the session in \(Figures.milliseconds(seconds))")))
        case .notResumed(let seconds):
            resumption = "not resumed on 2nd handshake"
            details.append(DoctorField("resumption", .text(
                "the 2nd handshake (\(Figures.milliseconds(seconds))) was a full one: the server did not resume the session "
                    + "(reconnects cost a full handshake; tls-session-caching no?)")))
        case .notTried(let why):
            resumption = "resumption not tried"
            details.append(DoctorField("resumption", .text("not tried: \(why)")))
        }
        let summary = "\(session.version) \(session.cipher), \(resumption)"
        guard session.verifiedName != nil else {
            return DoctorStep(.tls, .warning, seconds: seen.seconds, summary: summary + "; NOT VERIFIED (--insecure)",
                              details: details,
                              fix: "drop --insecure and pass the server's CA with --cacert, so the server is authenticated")
        }
        return DoctorStep(.tls, .ok, seconds: seen.seconds, summary: summary, details: details)
    }
}
