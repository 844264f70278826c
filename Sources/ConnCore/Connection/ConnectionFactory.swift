import Synchronization

/// Opens connections that are ready to use: TCP, TLS verified, then AUTH, SELECT and
/// CLIENT SETNAME in one round trip. Every failure arrives as an explained `ConsoleError`;
/// a connection whose handshake failed is closed, never returned.
public final class ConnectionFactory: Sendable {
    public let settings: ConnectionSettings
    public let limits: ReplyLimits
    private let tlsContext: TLSContext?
    /// The last resumable TLS session, offered to the next connection to skip a full handshake.
    private let lastSession = Mutex<TLSSessionHandle?>(nil)
    /// False makes every connection pay a full handshake (the benchmark's baseline).
    public let resumesSessions: Bool

    public init(settings: ConnectionSettings, limits: ReplyLimits = ReplyLimits(),
                resumesSessions: Bool = true) throws(ConsoleError) {
        self.settings = settings
        self.limits = limits
        self.resumesSessions = resumesSessions
        self.tlsContext = settings.tls.enabled ? try TLSContext(settings: settings.tls) : nil
    }

    public func connect() throws(ConsoleError) -> RedisConnection {
        let deadline = Deadline.after(seconds: settings.connectTimeout)
        let socket = try TCPSocket.connect(host: settings.host, port: settings.port, deadline: deadline,
                                           keepalive: settings.keepalive)
        let stream: ByteStream
        var tls: TLSSessionInfo?
        if tlsContext != nil {
            let previous = resumesSessions ? lastSession.withLock { $0 } : nil
            let tlsStream = try handshake(on: socket, resumeFrom: previous, deadline: deadline)
            tls = tlsStream.session
            stream = tlsStream
        } else {
            stream = socket
        }
        let connection = RedisConnection(stream: stream, settings: settings, tls: tls, limits: limits)
        do {
            try Handshake.run(on: connection, settings: settings)
        } catch {
            connection.close()
            throw tlsContext == nil && error.kind == .io ? explainDroppedPlaintext(error) : error
        }
        if tlsContext != nil, let session = connection.resumableSession() {
            lastSession.withLock { $0 = session }
        }
        return connection
    }

    /// The TLS handshake alone, on a connected socket (`--doctor` times it apart from AUTH).
    /// Only for a factory with TLS on.
    func handshake(on socket: TCPSocket, resumeFrom previous: TLSSessionHandle?,
                   deadline: Deadline) throws(ConsoleError) -> TLSStream {
        guard let tlsContext else { throw ConsoleError(.configuration, "TLS is off for this connection") }
        do {
            return try TLSStream(socket: socket, context: tlsContext, host: settings.host,
                                 resumeFrom: previous, deadline: deadline)
        } catch where error.kind == .timeout {
            throw explainSilentHandshake(error)
        }
    }

    /// A TLS handshake nobody answered: say so plainly if a plaintext Redis sits on that port.
    private func explainSilentHandshake(_ error: ConsoleError) -> ConsoleError {
        guard PlaintextProbe.speaksPlainRedis(host: settings.host, port: settings.port, timeout: 1) else { return error }
        let endpoint = Endpoint.describe(host: settings.host, port: settings.port)
        return ConsoleError(.tls, "the server at \(endpoint) answered without TLS: is this its plain port?",
                            hint: "connect to the server's tls-port instead; a plaintext port cannot be used with --tls",
                            cause: error.message + "; a plaintext PING on the same port was answered")
    }

    /// A TLS port drops a plaintext client without a word: say what that usually means.
    func explainDroppedPlaintext(_ error: ConsoleError) -> ConsoleError {
        let endpoint = Endpoint.describe(host: settings.host, port: settings.port)
        return ConsoleError(.connect, "the server at \(endpoint) dropped the connection before answering: it probably expects TLS",
                            hint: "add --tls (or use a rediss:// URL) with --cacert for the server's CA",
                            cause: error.message)
    }
}
