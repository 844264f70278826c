/// TLS facts over every connection the pool opened: the latest session (version, cipher, the
/// server's chain with days left) and how often session resumption saved a full handshake.
public struct TLSStatistics: Sendable, Equatable {
    public var latest: TLSSessionInfo?
    public var handshakes = 0
    public var resumed = 0
    /// Seconds, summed, for the mean.
    public var handshakeSecondsTotal = 0.0

    public init() {}

    public var resumptionRate: Double { handshakes == 0 ? 0 : Double(resumed) / Double(handshakes) }
    public var meanHandshakeSeconds: Double { handshakes == 0 ? 0 : handshakeSecondsTotal / Double(handshakes) }

    mutating func record(_ session: TLSSessionInfo?) {
        guard var session else { return }
        // A resumed session may not carry the chain again: keep the one seen last.
        if session.peerChain.isEmpty, let chain = latest?.peerChain { session.peerChain = chain }
        latest = session
        handshakes += 1
        if session.resumed { resumed += 1 }
        handshakeSecondsTotal += session.handshakeSeconds
    }
}
