import COpenSSL
import Glibc

/// A TLS session over a connected `TCPSocket`, non-blocking underneath: OpenSSL's WANT_READ and
/// WANT_WRITE wait in poll(2) until the deadline. The host name (or IP) is verified inside the
/// handshake, so no byte of ours (AUTH above all) is sent to an unverified peer.
public final class TLSStream: ByteStream {
    private let socket: TCPSocket
    private let ssl: OpaquePointer
    public private(set) var session: TLSSessionInfo
    private let presentedClientCertificate: Bool
    private var receivedData = false
    /// A fatal TLS error or an interrupt happened: SSL_shutdown must not be called then.
    private var failed = false
    private var shutDown = false
    public var peerDescription: String { socket.peerDescription }

    /// Handshakes before returning; throws an explained `ConsoleError` on any failure.
    public init(socket: TCPSocket, context: TLSContext, host: String, resumeFrom previous: TLSSessionHandle?,
                deadline: Deadline) throws(ConsoleError) {
        guard let ssl = SSL_new(context.context) else {
            throw ConsoleError(.tls, "OpenSSL could not create a TLS session", cause: OpenSSLErrors.drain().joined(separator: "; "))
        }
        self.socket = socket
        self.ssl = ssl
        let settings = context.settings
        presentedClientCertificate = settings.certificateFile != nil
        let verifiedName = settings.verifyPeer ? (settings.expectedServerName ?? host) : nil
        // SNI carries a DNS name only (RFC 6066); it is a hint to the server, never verification.
        let sni = settings.sni ?? [settings.expectedServerName ?? host].first { !IPAddress.isLiteral($0) }
        session = TLSSessionInfo(version: "", cipher: "", handshakeSeconds: 0, resumed: false,
                                 verifiedName: verifiedName, serverNameIndication: sni, peerChain: [])

        SSL_set_fd(ssl, socket.fd)
        if let sni { _ = rc_SSL_set_tlsext_host_name(ssl, sni) }
        if let verifiedName {
            // No partial wildcards ("f*.example.com") and no fallback to the subject's CN.
            SSL_set_hostflags(ssl, UInt32(X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT))
            guard SSL_set1_host(ssl, verifiedName) == 1 else {
                throw ConsoleError(.configuration, "'\(verifiedName)' is not a valid host name or IP address to verify",
                                   hint: "fix -h or --tls-server-name", cause: OpenSSLErrors.drain().joined(separator: "; "))
            }
        }
        if let previous { SSL_set_session(ssl, previous.session) }

        let started = Deadline.now()
        ERR_clear_error()
        while true {
            let result = SSL_connect(ssl)
            if result == 1 { break }
            let code = SSL_get_error(ssl, result)
            if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE {
                do {
                    try socket.wait(forReading: code == SSL_ERROR_WANT_READ, deadline: deadline)
                } catch {
                    throw TLSFailure.handshakeTimeout(endpoint: socket.peerDescription, after: Deadline.seconds(since: started))
                }
                continue
            }
            throw TLSFailure.explain(ssl: ssl, sslError: code, endpoint: socket.peerDescription,
                                     verifiedName: verifiedName, queue: OpenSSLErrors.drain())
        }
        session.handshakeSeconds = Deadline.seconds(since: started)
        session.version = String(cString: SSL_get_version(ssl))
        session.cipher = SSL_get_current_cipher(ssl).map { String(cString: SSL_CIPHER_get_name($0)) } ?? ""
        session.resumed = SSL_session_reused(ssl) == 1
        session.peerChain = Self.peerChain(ssl)
    }

    deinit {
        close()
        SSL_free(ssl)
    }

    /// The session to offer when reconnecting (TLS 1.3 tickets arrive after the handshake, so
    /// ask after the first reply).
    public func resumableSession() -> TLSSessionHandle? {
        guard let session = SSL_get1_session(ssl) else { return nil }
        guard SSL_SESSION_is_resumable(session) == 1 else {
            SSL_SESSION_free(session)
            return nil
        }
        return TLSSessionHandle(owning: session)
    }

    /// Sends close_notify once when the session is still sound: OpenSSL marks a session that
    /// ended without it as not resumable, so every later connection paid a full handshake.
    /// Never waits for the peer's answer.
    public func close() {
        if !failed, !shutDown {
            shutDown = true
            ERR_clear_error()
            _ = SSL_shutdown(ssl)
            ERR_clear_error()
        }
        socket.close()
    }

    /// Reads what is waiting without blocking: TLS 1.3 session tickets and key updates are
    /// consumed silently; application data or a close means the connection cannot be reused.
    public func idleState() -> IdleStreamState {
        if SSL_pending(ssl) > 0 { return .unexpectedData }
        guard socket.isReadable() else { return .quiet }
        var byte: UInt8 = 0
        ERR_clear_error()
        let count = SSL_read(ssl, &byte, 1)
        if count > 0 { return .unexpectedData }
        let code = SSL_get_error(ssl, count)
        ERR_clear_error()
        if code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE { return .quiet }
        if code != SSL_ERROR_ZERO_RETURN { failed = true }
        return .closed
    }

    public func interrupt() {
        socket.interrupt()
    }

    public func write(_ bytes: [UInt8], deadline: Deadline) throws(ConsoleError) {
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            let written = bytes.withUnsafeBytes { raw in
                SSL_write(ssl, raw.baseAddress! + offset, Int32(raw.count - offset))
            }
            if written > 0 { offset += Int(written); continue }
            try handle(SSL_get_error(ssl, written), deadline: deadline, while: "sending")
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(ConsoleError) -> Int {
        while true {
            ERR_clear_error()
            let count = SSL_read(ssl, buffer.baseAddress, Int32(buffer.count))
            if count > 0 {
                receivedData = true
                return Int(count)
            }
            try handle(SSL_get_error(ssl, count), deadline: deadline, while: "reading")
        }
    }

    /// Waits for WANT_READ/WANT_WRITE; explains anything else. Errors after the handshake come
    /// here too: with TLS 1.3 a server that wants a client certificate says so only now.
    private func handle(_ code: Int32, deadline: Deadline, while doing: String) throws(ConsoleError) {
        switch code {
        case SSL_ERROR_WANT_READ: try socket.wait(forReading: true, deadline: deadline)
        case SSL_ERROR_WANT_WRITE: try socket.wait(forReading: false, deadline: deadline)
        case SSL_ERROR_ZERO_RETURN:
            failed = true
            throw explainEarlyClose(ConsoleError(.io, "\(peerDescription) closed the TLS connection",
                                                 hint: "the server ended this client (restart, timeout, CLIENT KILL, maxclients); run the command again"))
        default:
            failed = true
            throw explainEarlyClose(TLSFailure.afterHandshake(sslError: code, errno: errno, endpoint: peerDescription,
                                                              doing: doing, queue: OpenSSLErrors.drain()))
        }
    }

    /// With TLS 1.3 the server judges our certificate after our handshake is done, and its alert
    /// is often lost to the TCP reset that follows. A close before the first byte of data, after
    /// the server asked for a certificate, is that judgement.
    private func explainEarlyClose(_ error: ConsoleError) -> ConsoleError {
        guard !receivedData, error.kind == .io || error.kind == .tls else { return error }
        if rc_SSL_client_cert_was_requested(ssl) == 1 {
            return TLSFailure.clientCertificateRequired(endpoint: peerDescription, cause: error.cause ?? error.message)
        }
        if presentedClientCertificate, !error.message.contains("client") {
            return TLSFailure.clientCertificateRejected(endpoint: peerDescription, cause: error.cause ?? error.message)
        }
        return error
    }

    /// The chain as sent, leaf first; also readable after a failed verification.
    static func peerChain(_ ssl: OpaquePointer) -> [CertificateInfo] {
        guard let chain = SSL_get_peer_cert_chain(ssl) else { return [] }
        return (0..<rc_sk_X509_num(chain)).compactMap { index in
            rc_sk_X509_value(chain, index).map { CertificateInfo(x509: $0) }
        }
    }
}

/// An `SSL_SESSION` kept for resumption; freed when the last holder lets go.
public final class TLSSessionHandle: @unchecked Sendable {
    // @unchecked: an SSL_SESSION is reference-counted and immutable once resumable.
    let session: OpaquePointer
    init(owning session: OpaquePointer) { self.session = session }
    deinit { SSL_SESSION_free(session) }
}

/// IP literal detection (SNI must not carry one; verification must match IP SANs instead).
public enum IPAddress {
    public static func isLiteral(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
