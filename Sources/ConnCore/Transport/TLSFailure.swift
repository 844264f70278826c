import COpenSSL
import Glibc

/// Turns OpenSSL's verdicts (verify result, alert text in the error queue) into a message that
/// names the cause and a hint that names the fix. Kept apart from I/O so the wording is tested.
public enum TLSFailure {
    static func explain(ssl: OpaquePointer, sslError: Int32, endpoint: String, verifiedName: String?,
                        queue: [String]) -> ConsoleError {
        let verify = SSL_get_verify_result(ssl)
        if verify != X509_V_OK {
            let reason = String(cString: X509_verify_cert_error_string(verify))
            return verification(code: Int32(verify), reason: reason, endpoint: endpoint, verifiedName: verifiedName,
                                chain: TLSStream.peerChain(ssl), now: Int64(time(nil)), queue: queue)
        }
        return fromQueue(queue, sslError: sslError, errno: errno, endpoint: endpoint, duringHandshake: true)
    }

    static func afterHandshake(sslError: Int32, errno: Int32, endpoint: String, doing: String, queue: [String]) -> ConsoleError {
        fromQueue(queue, sslError: sslError, errno: errno, endpoint: endpoint, duringHandshake: false)
    }

    static func handshakeTimeout(endpoint: String, after seconds: Double) -> ConsoleError {
        ConsoleError(.timeout, "TLS handshake with \(endpoint) did not finish within \(format(seconds)) s",
                     hint: "check that this is the server's TLS port (tls-port) and that nothing in between holds the connection; raise --connect-timeout on a slow link")
    }

    /// A failed chain or name check, in words. `code` is OpenSSL's X509_V_ERR_* value.
    public static func verification(code: Int32, reason: String, endpoint: String, verifiedName: String?,
                                    chain: [CertificateInfo], now: Int64, queue: [String]) -> ConsoleError {
        let leaf = chain.first
        let cause = (["verify error \(code): \(reason)"] + queue).joined(separator: "; ")
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED:
            let expired = chain.first { $0.notAfter <= now } ?? leaf
            let when = expired.map { " on \(UTCDate.format($0.notAfter)) (\(-$0.daysLeft(now: now)) days ago)" } ?? ""
            return ConsoleError(.tls, "the server's certificate has expired\(when)\(subjectSuffix(expired))",
                                hint: "renew the certificate on the server (certs/generate-certs.sh makes a new one) and reload redis-server; if it should still be valid, check this machine's clock",
                                cause: cause)
        case X509_V_ERR_CERT_NOT_YET_VALID:
            let early = chain.first { $0.notBefore > now } ?? leaf
            let when = early.map { " until \(UTCDate.format($0.notBefore))" } ?? ""
            return ConsoleError(.tls, "the server's certificate is not valid yet\(when)\(subjectSuffix(early))",
                                hint: "check the clock of this machine and of the machine that issued the certificate",
                                cause: cause)
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH:
            let names = leaf?.subjectAlternativeNames ?? []
            let carried = names.isEmpty ? "no subject alternative names at all" : names.joined(separator: ", ")
            return ConsoleError(.tls, "the server's certificate does not match '\(verifiedName ?? "")': it is valid for \(carried)",
                                hint: "connect with a name the certificate carries (-h), or pass --tls-server-name NAME when you connect through a tunnel or an IP address",
                                cause: cause)
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            return ConsoleError(.tls, "the server presented a self-signed certificate\(subjectSuffix(leaf)), which no trusted CA vouches for",
                                hint: "if you trust it, pass that certificate with --cacert FILE; better, give the server a certificate signed by your CA",
                                cause: cause)
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
            let issuer = (chain.last?.issuer).map { " (issuer: \($0))" } ?? ""
            return ConsoleError(.tls, "the server's certificate was signed by a CA this client does not trust\(issuer)",
                                hint: "pass the CA certificate that signed it with --cacert FILE (or REDIS_CERT_PATH=DIR holding ca.crt)",
                                cause: cause)
        default:
            return ConsoleError(.tls, "the server's certificate failed verification: \(reason)",
                                hint: "inspect it with `openssl s_client -connect \(endpoint) -showcerts`",
                                cause: cause)
        }
    }

    /// A failure with no verify error: read the alert or record error OpenSSL queued.
    public static func fromQueue(_ queue: [String], sslError: Int32, errno code: Int32, endpoint: String,
                                 duringHandshake: Bool) -> ConsoleError {
        let text = queue.joined(separator: "; ")
        func has(_ fragment: String) -> Bool { text.lowercased().contains(fragment) }
        let cause = text.isEmpty ? (code != 0 ? String(cString: strerror(code)) : nil) : text

        if has("wrong version number") || has("packet length too long") || has("http request") || has("record layer failure") {
            return ConsoleError(.tls, "the server at \(endpoint) answered without TLS: is this its plain port?",
                                hint: "connect to the server's tls-port, or drop --tls / use redis:// if the server has no TLS (not allowed in the production profile)",
                                cause: cause)
        }
        if has("certificate required") || (has("alert handshake failure") && !duringHandshake) {
            return clientCertificateRequired(endpoint: endpoint, cause: cause)
        }
        if has("unknown ca") || has("bad certificate") || has("certificate unknown") || has("certificate expired") {
            return clientCertificateRejected(endpoint: endpoint, cause: cause)
        }
        if has("protocol version") || has("unsupported protocol") || has("no protocols available") {
            return ConsoleError(.tls, "the server at \(endpoint) does not speak TLS 1.2 or 1.3",
                                hint: "upgrade the server's TLS settings (tls-protocols \"TLSv1.2 TLSv1.3\"); this client never falls back to older versions",
                                cause: cause)
        }
        if has("no shared cipher") || has("handshake failure") || has("no cipher") {
            return ConsoleError(.tls, "the server at \(endpoint) and this client share no cipher",
                                hint: "compare the server's tls-ciphers/tls-ciphersuites with --tls-ciphers/--tls-ciphersuites",
                                cause: cause)
        }
        if has("unexpected eof") || (queue.isEmpty && sslError == SSL_ERROR_SYSCALL) {
            let when = duringHandshake ? "during the TLS handshake" : "without a TLS close"
            return ConsoleError(.tls, "the server at \(endpoint) closed the connection \(when)",
                                hint: duringHandshake
                                    ? "check that this is the server's TLS port, and whether it requires a client certificate (--cert/--key)"
                                    : "the server may have restarted or dropped this client (timeout, CLIENT KILL, maxclients)",
                                cause: cause)
        }
        return ConsoleError(.tls, "TLS with \(endpoint) failed\(duringHandshake ? " during the handshake" : ""): \(queue.last ?? "unknown reason")",
                            hint: "run with --show-config to check the TLS settings", cause: cause)
    }

    static func clientCertificateRequired(endpoint: String, cause: String?) -> ConsoleError {
        ConsoleError(.tls, "the server at \(endpoint) requires a client certificate (mutual TLS)",
                     hint: "pass --cert FILE and --key FILE (or REDIS_CERT_PATH=DIR holding client.crt and client.key)",
                     cause: cause)
    }

    static func clientCertificateRejected(endpoint: String, cause: String?) -> ConsoleError {
        ConsoleError(.tls, "the server at \(endpoint) rejected this client's certificate",
                     hint: "use a client certificate signed by the CA the server trusts (its tls-ca-cert-file), and check it has not expired",
                     cause: cause)
    }

    private static func subjectSuffix(_ certificate: CertificateInfo?) -> String {
        certificate.map { " (subject: \($0.subject))" } ?? ""
    }

    static func format(_ seconds: Double) -> String {
        let tenths = (seconds * 10).rounded() / 10
        return String(tenths)
    }
}

/// `2026-11-29 08:49:02 UTC` from seconds since 1970.
public enum UTCDate {
    public static func format(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S UTC", &parts)
        return String(cBuffer: buffer)
    }
}
