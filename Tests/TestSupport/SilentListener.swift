/// Accepts TCP connections and never sends a byte: a TLS handshake (or a RESP reply) never
/// completes, so the client's connect/handshake/operation timeout must fire.
public final class SilentListener: Sendable {
    private let listener: LoopbackListener

    public init(address: LoopbackAddress = .ipv4) throws {
        listener = try LoopbackListener(address: address) { connection in
            connection.holdOpen()
        }
    }

    public var host: String { listener.host }
    public var port: Int { listener.port }
    public var acceptedConnections: Int { listener.acceptedConnections }

    public func stop() { listener.stop() }
}
