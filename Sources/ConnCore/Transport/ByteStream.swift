/// A connected, non-blocking byte pipe (plain TCP or TLS) whose every call has a deadline.
public protocol ByteStream: AnyObject {
    /// Writes all bytes or throws.
    func write(_ bytes: [UInt8], deadline: Deadline) throws(ConsoleError)
    /// Reads at least one byte into `buffer` and returns the count; throws on EOF, error or deadline.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(ConsoleError) -> Int
    func close()
    /// Whether an idle stream can still be used: nothing unread, not closed by the peer.
    /// Never blocks.
    func idleState() -> IdleStreamState
    /// Wakes a thread blocked in `read`/`write` from another thread (Ctrl-C, a cancelled
    /// command): the socket is shut down, so the blocked call fails at once. The descriptor
    /// stays open until `close`, so it cannot be reused under the blocked thread.
    func interrupt()
    /// What the peer is, for messages: `host:port`.
    var peerDescription: String { get }
}

public enum IdleStreamState: Sendable, Equatable {
    case quiet
    /// The peer closed it (server restart, CLIENT KILL, idle timeout).
    case closed
    /// Bytes nobody asked for: using it would read them as the next reply.
    case unexpectedData
}
