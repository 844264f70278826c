#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Free loopback TCP ports for servers that need a port number before they start
/// (redis-server's config). Never a fixed port: parallel tests and other jobs share the host.
public enum FreePort {
    /// Ports already handed out in this process: the kernel may offer the same ephemeral port
    /// twice if nothing has bound it yet, and two servers must not race for it.
    private static let handedOut = Mutex<Set<Int>>([])

    /// A TCP port free on 127.0.0.1 (and on ::1 when IPv6 is available, because redis binds
    /// both). Found by binding port 0, reading the port back and closing the socket.
    public static func next() throws -> Int {
        for _ in 0..<100 {
            let fd = try LoopbackSocket.bindLoopback(.ipv4, port: 0)
            let port: Int
            do {
                port = try LoopbackSocket.port(of: fd)
            } catch {
                close(fd)
                throw error
            }
            close(fd)
            if LoopbackSocket.ipv6Available {
                guard let fd6 = try? LoopbackSocket.bindLoopback(.ipv6, port: port) else { continue }
                close(fd6)
            }
            let fresh = handedOut.withLock { $0.insert(port).inserted }
            if fresh { return port }
        }
        throw TestSupportError("no free loopback TCP port found after 100 attempts")
    }

    /// Whether ::1 is usable on this machine.
    public static var ipv6Available: Bool { LoopbackSocket.ipv6Available }
}
