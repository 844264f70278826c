/// After a TLS handshake went unanswered, finds out whether a plaintext Redis listens there:
/// a plain Redis port waits silently for a line and never answers a ClientHello, which
/// otherwise looks like a dead network. Sends only `PING`, never a credential.
enum PlaintextProbe {
    static func speaksPlainRedis(host: String, port: Int, timeout: Double) -> Bool {
        let deadline = Deadline.after(seconds: timeout)
        guard let socket = try? TCPSocket.connect(host: host, port: port, deadline: deadline, keepalive: 0) else {
            return false
        }
        defer { socket.close() }
        guard (try? socket.write(Array("PING\r\n".utf8), deadline: deadline)) != nil else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { raw in (try? socket.read(into: raw, deadline: deadline)) ?? 0 }
        let reply = buffer[0..<count]
        // +PONG, or -NOAUTH / -ERR from a password-protected or restricted server.
        return reply.first == UInt8(ascii: "+") || reply.first == UInt8(ascii: "-")
    }
}
