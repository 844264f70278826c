/// Answers whatever it receives with a fixed byte string: a plaintext server in front of a TLS
/// client (the ClientHello gets `-ERR ...` or an HTTP response back).
public final class FixedReplyListener: Sendable {
    /// What a plaintext redis port says to bytes it cannot parse.
    public static let redisError = Array("-ERR plaintext\r\n".utf8)
    /// What a web server says.
    public static let httpResponse = Array(
        "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)

    private let listener: LoopbackListener

    /// - reply: sent after each chunk of bytes received.
    /// - closeAfterReply: close the connection after the first reply (else keep answering).
    public init(reply: [UInt8] = FixedReplyListener.redisError, closeAfterReply: Bool = true,
                address: LoopbackAddress = .ipv4) throws {
        listener = try LoopbackListener(address: address) { connection in
            while connection.read() != nil {
                guard connection.write(reply), !closeAfterReply else { return }
            }
        }
    }

    public var host: String { listener.host }
    public var port: Int { listener.port }
    public var acceptedConnections: Int { listener.acceptedConnections }

    public func stop() { listener.stop() }
}
