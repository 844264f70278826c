import Glibc

/// A non-blocking TCP socket connected with a deadline, with TCP_NODELAY and keepalive set.
/// Reads and writes wait in poll(2) so that every operation honours its deadline.
public final class TCPSocket: ByteStream {
    public let fd: Int32
    public let peerDescription: String
    /// Guards close against a concurrent interrupt: once the descriptor is closed its number
    /// can be reused by another socket, which an interrupt must never shut down.
    private let closed = PthreadMutex(false)

    private init(fd: Int32, peerDescription: String) {
        self.fd = fd
        self.peerDescription = peerDescription
    }

    deinit { close() }

    public func close() {
        closed.withLock { closed in
            guard !closed else { return }
            closed = true
            Glibc.close(fd)
        }
    }

    /// Resolves `host`, then tries each address in order until one accepts before the deadline.
    public static func connect(host: String, port: Int, deadline: Deadline, keepalive: Double) throws(ConsoleError) -> TCPSocket {
        let endpoint = Endpoint.describe(host: host, port: port)
        let addresses = try resolve(host: host, port: port)
        defer { freeaddrinfo(addresses) }

        var lastError: Int32 = ECONNREFUSED
        var candidate = Optional(addresses)
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            guard fd >= 0 else { lastError = errno; continue }
            let result = Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if result == 0 || errno == EINPROGRESS {
                let outcome = waitForConnect(fd: fd, deadline: deadline)
                if outcome == 0 {
                    configure(fd: fd, keepalive: keepalive)
                    return TCPSocket(fd: fd, peerDescription: endpoint)
                }
                lastError = outcome
            } else {
                lastError = errno
            }
            Glibc.close(fd)
            if lastError == ETIMEDOUT && deadline.hasPassed { break }
        }
        throw connectError(errno: lastError, endpoint: endpoint)
    }

    /// The addresses `host` resolves to, as numeric text, in the order connect tries them
    /// (`--doctor`'s DNS step).
    public static func resolveAddresses(host: String, port: Int) throws(ConsoleError) -> [String] {
        let addresses = try resolve(host: host, port: port)
        defer { freeaddrinfo(addresses) }
        var found: [String] = []
        var candidate = Optional(addresses)
        while let info = candidate {
            candidate = info.pointee.ai_next
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count),
                           nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(cBuffer: buffer)
                if !found.contains(text) { found.append(text) }
            }
        }
        return found
    }

    private static func resolve(host: String, port: Int) throws(ConsoleError) -> UnsafeMutablePointer<addrinfo> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &result)
        guard status == 0, let result else {
            let reason = String(cString: gai_strerror(status))
            throw ConsoleError(.resolve, "cannot resolve host '\(host)': \(reason)",
                               hint: "check the host name (-h, the URL or REDIS_HOST) and this machine's DNS")
        }
        return result
    }

    /// 0 when connected, else the errno that explains why not.
    private static func waitForConnect(fd: Int32, deadline: Deadline) -> Int32 {
        var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        while true {
            let ready = poll(&pollfd, 1, deadline.remainingMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { return ETIMEDOUT }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
            return error
        }
    }

    private static func configure(fd: Int32, keepalive: Double) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        guard keepalive > 0 else { return }
        // Probe after `keepalive` idle seconds, then every third of it, 3 times: a dead peer
        // is noticed in about twice the idle time instead of the kernel's two hours.
        var idle = Int32(max(1, keepalive))
        var interval = max(1, idle / 3)
        var count: Int32 = 3
        setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_KEEPIDLE, &idle, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_KEEPINTVL, &interval, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_KEEPCNT, &count, socklen_t(MemoryLayout<Int32>.size))
    }

    private static func connectError(errno code: Int32, endpoint: String) -> ConsoleError {
        switch code {
        case ECONNREFUSED:
            return ConsoleError(.connect, "could not connect to \(endpoint): connection refused (nothing listens there)",
                                hint: "check the port (-p) and that redis-server is running")
        case ETIMEDOUT:
            return ConsoleError(.connect, "could not connect to \(endpoint): no answer within the connect timeout",
                                hint: "check the host and port, firewalls in between, or raise --connect-timeout")
        case ENETUNREACH, EHOSTUNREACH:
            return ConsoleError(.connect, "could not connect to \(endpoint): \(String(cString: strerror(code)))",
                                hint: "check the host name and this machine's network routes")
        default:
            return ConsoleError(.connect, "could not connect to \(endpoint): \(String(cString: strerror(code)))",
                                hint: "check the host (-h) and port (-p), and that this machine may open connections to it")
        }
    }

    public func idleState() -> IdleStreamState {
        guard isReadable() else { return .quiet }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if count > 0 { return .unexpectedData }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return .quiet }
        return .closed
    }

    /// True when a read would not block (data, end of stream or an error is waiting).
    func isReadable() -> Bool {
        var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&pollfd, 1, 0) > 0
    }

    public func interrupt() {
        closed.withLock { closed in
            if !closed { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    /// Waits until the socket is readable or writable; throws a timeout at the deadline.
    public func wait(forReading: Bool, deadline: Deadline) throws(ConsoleError) {
        var pollfd = Glibc.pollfd(fd: fd, events: Int16(forReading ? POLLIN : POLLOUT), revents: 0)
        while true {
            let ready = poll(&pollfd, 1, deadline.remainingMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 {
                throw ConsoleError(.io, "connection to \(peerDescription) failed: \(String(cString: strerror(errno)))",
                                   hint: "run the command again; a new connection will be opened")
            }
            if ready == 0 { throw ConsoleError(.timeout, "no reply from \(peerDescription) before the deadline") }
            return
        }
    }

    public func write(_ bytes: [UInt8], deadline: Deadline) throws(ConsoleError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written > 0 { offset += written; continue }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try wait(forReading: false, deadline: deadline)
                continue
            }
            throw ConsoleError(.io, "connection to \(peerDescription) broke while sending: \(String(cString: strerror(errno)))",
                               hint: "the server closed the connection (restart, timeout, CLIENT KILL, maxclients); run the command again")
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(ConsoleError) -> Int {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return count }
            if count == 0 {
                throw ConsoleError(.io, "\(peerDescription) closed the connection",
                                   hint: "if it is a TLS port, add --tls (or use a rediss:// URL)")
            }
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                try wait(forReading: true, deadline: deadline)
                continue
            }
            throw ConsoleError(.io, "connection to \(peerDescription) broke: \(String(cString: strerror(errno)))",
                               hint: errno == ECONNRESET ? "if it is a TLS port, add --tls (or use a rediss:// URL)" : nil)
        }
    }
}

/// How an endpoint is written in messages and prompts: `host:port`, `[::1]:port` for IPv6.
public enum Endpoint {
    public static func describe(host: String, port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// This machine by name or address (what a demo server listens on).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
