import ConnCore

/// `--tls-info`: what the handshake negotiated and what the server's chain says, as lines.
/// Pure: the clock is a parameter, so the days left are tested without waiting.
public enum TLSReport {
    public static func render(_ session: TLSSessionInfo?, endpoint: String, now: Int64) -> [String] {
        guard let session else {
            return ["\(endpoint): PLAINTEXT (no TLS): traffic, password included, travels unencrypted"]
        }
        var lines = [
            "endpoint          \(endpoint)",
            "protocol          \(session.version)",
            "cipher            \(session.cipher)",
            "handshake         \(milliseconds(session.handshakeSeconds)) ms\(session.resumed ? " (session resumed)" : "")",
            "verified name     \(session.verifiedName ?? "NOT VERIFIED (--insecure)")",
            "sni               \(session.serverNameIndication ?? "(none: IP address)")",
            "chain             \(session.peerChain.count) certificate\(session.peerChain.count == 1 ? "" : "s") sent by the server",
        ]
        for (index, certificate) in session.peerChain.enumerated() {
            lines.append("[\(index)] subject      \(certificate.subject)")
            lines.append("    issuer       \(certificate.issuer)")
            if !certificate.subjectAlternativeNames.isEmpty {
                lines.append("    names        \(certificate.subjectAlternativeNames.joined(separator: ", "))")
            }
            lines.append("    serial       \(certificate.serialHex)")
            lines.append("    valid        \(UTCDate.format(certificate.notBefore)) .. \(UTCDate.format(certificate.notAfter))")
            lines.append("    expires in   \(expiry(certificate, now: now))")
        }
        return lines
    }

    /// Warnings for stderr when a certificate of the server's chain is near its end (warning at
    /// 30 days or less, critical at 7): stdout stays byte-identical to redis-cli's.
    public static func expiryWarnings(_ session: TLSSessionInfo?, now: Int64) -> [String] {
        guard let session else { return [] }
        return session.peerChain.compactMap { certificate in
            let level = certificate.expiryLevel(now: now)
            guard level == .warning || level == .critical else { return nil }
            let days = certificate.daysLeft(now: now)
            return "Warning: the server's certificate \(certificate.subject) expires in \(days) day\(days == 1 ? "" : "s"), "
                + "on \(UTCDate.format(certificate.notAfter))\(level == .critical ? " (critical)" : ""): renew it before then"
        }
    }

    static func expiry(_ certificate: CertificateInfo, now: Int64) -> String {
        let days = certificate.daysLeft(now: now)
        switch certificate.expiryLevel(now: now) {
        case .ok: return "\(days) days (ok)"
        case .warning: return "\(days) days (WARNING: 30 days or less)"
        case .critical: return "\(days) days (CRITICAL: 7 days or less)"
        case .expired: return now < certificate.notBefore ? "not valid yet (EXPIRED/NOT YET VALID)" : "EXPIRED \(-days) days ago"
        }
    }

    private static func milliseconds(_ seconds: Double) -> String {
        let tenths = (seconds * 10_000).rounded() / 10
        return String(tenths)
    }
}
