import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One accepted connection, as seen by a listener's handler (which runs on its own thread).
/// The handler returns when it is done; the socket is closed after that.
public final class ListenerConnection: Sendable {
    let fd: Int32
    private let stopped: @Sendable () -> Bool

    init(fd: Int32, stopped: @escaping @Sendable () -> Bool) {
        self.fd = fd
        self.stopped = stopped
    }

    /// The next bytes from the peer; nil once the peer closed, the socket failed or the
    /// listener is stopping. Polls, so a stop() is noticed within 50 ms.
    public func read(maximum: Int = 65_536) -> [UInt8]? {
        while !stopped() {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 50)
            if ready < 0 && errno != EINTR { return nil }
            guard ready > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: maximum)
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, maximum, 0) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            guard n > 0 else { return nil }
            return Array(buffer[0..<n])
        }
        return nil
    }

    /// Sends all bytes; false if the peer is gone (never raises SIGPIPE).
    @discardableResult
    public func write(_ bytes: [UInt8]) -> Bool {
        LoopbackSocket.sendAll(fd, bytes)
    }

    /// Keeps the connection open, silently discarding input, until the peer closes or the
    /// listener stops: a server that has gone quiet.
    public func holdOpen() {
        while read() != nil {}
    }
}

/// A real TCP listener on a loopback address and a kernel-chosen port (bind port 0: no race),
/// accepting on a background thread and running `handler` for each connection on its own
/// thread. The building block of the misbehaving test servers. `stop()` (also run by deinit)
/// closes the listener and waits for every handler to return.
public final class LoopbackListener: Sendable {
    public let address: LoopbackAddress
    public let port: Int
    public var host: String { address.host }

    // The threads hold only this, never the listener itself, so dropping the last reference
    // to the listener runs deinit and stops them.
    private let core: Core

    public init(address: LoopbackAddress = .ipv4,
                handler: @escaping @Sendable (ListenerConnection) -> Void) throws {
        let fd = try LoopbackSocket.bindLoopback(address, port: 0, reuseAddress: true)
        guard listen(fd, 64) == 0 else {
            let text = LoopbackSocket.errnoText()
            close(fd)
            throw TestSupportError("listen(): \(text)")
        }
        do {
            self.port = try LoopbackSocket.port(of: fd)
        } catch {
            close(fd)
            throw error
        }
        self.address = address
        self.core = Core(listenFD: fd)

        let core = self.core
        let port = self.port
        core.threads.enter()
        let thread = Thread {
            core.acceptLoop(port: port, handler)
            core.threads.leave()
        }
        thread.name = "LoopbackListener:\(port)"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Number of connections accepted so far.
    public var acceptedConnections: Int { core.accepted.load(ordering: .relaxed) }

    /// Stops accepting, ends every connection (handlers see read() return nil) and waits for
    /// the threads. Safe to call twice.
    public func stop() {
        core.stop()
    }

    private final class Core: Sendable {
        let listenFD: Int32
        let stopping = Atomic<Bool>(false)
        let accepted = Atomic<Int>(0)
        let threads = DispatchGroup()

        init(listenFD: Int32) {
            self.listenFD = listenFD
        }

        var isStopping: Bool { stopping.load(ordering: .acquiring) }

        func stop() {
            guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
            if threads.wait(timeout: .now() + 5) == .timedOut {
                // A handler ignored the stop flag; leave its fd alone rather than close it
                // under its feet (the number could be reused by another test's socket).
                return
            }
            close(listenFD)
        }

        func acceptLoop(port: Int, _ handler: @escaping @Sendable (ListenerConnection) -> Void) {
            while !isStopping {
                var pfd = pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0)
                guard poll(&pfd, 1, 50) > 0 else { continue }
                let client = accept(listenFD, nil, nil)
                guard client >= 0 else { continue }
                accepted.add(1, ordering: .relaxed)
                let connection = ListenerConnection(fd: client) { [self] in isStopping }
                threads.enter()
                let thread = Thread { [self] in
                    handler(connection)
                    shutdown(client, Int32(SHUT_RDWR))
                    close(client)
                    threads.leave()
                }
                thread.name = "LoopbackListener:\(port) connection"
                thread.start()
            }
        }
    }
}
