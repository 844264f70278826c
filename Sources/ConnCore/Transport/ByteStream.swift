/// A connected, non-blocking byte pipe (plain TCP or TLS) whose every call has a deadline.
public protocol ByteStream: AnyObject {
    /// Writes all bytes or throws.
    func write(_ bytes: [UInt8], deadline: Deadline) throws(ConsoleError)
    /// Reads at least one byte into `buffer` and returns the count; throws on EOF, error or deadline.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(ConsoleError) -> Int
    func close()
    /// What the peer is, for messages: `host:port`.
    var peerDescription: String { get }
}
