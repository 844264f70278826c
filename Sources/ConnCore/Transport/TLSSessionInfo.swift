/// What a TLS handshake negotiated, kept with the connection for `--show`/dashboard use.
public struct TLSSessionInfo: Sendable, Equatable {
    public var version: String
    public var cipher: String
    /// Seconds from TCP connected to handshake done.
    public var handshakeSeconds: Double
    public var resumed: Bool
    /// The name the certificate was verified against; nil with `--insecure`.
    public var verifiedName: String?
    /// The name sent as SNI, if any.
    public var serverNameIndication: String?
    /// The peer's chain as sent, leaf first.
    public var peerChain: [CertificateInfo]

    public init(version: String, cipher: String, handshakeSeconds: Double, resumed: Bool,
                verifiedName: String?, serverNameIndication: String?, peerChain: [CertificateInfo]) {
        self.version = version
        self.cipher = cipher
        self.handshakeSeconds = handshakeSeconds
        self.resumed = resumed
        self.verifiedName = verifiedName
        self.serverNameIndication = serverNameIndication
        self.peerChain = peerChain
    }
}
