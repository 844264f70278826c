/// What one step of `--doctor` found: its verdict, how long it took, one line for a person, the
/// details under it, and for anything not ok, the fix in words.
public struct DoctorStep: Sendable, Equatable {
    /// What the step is: a stable identifier (the JSON `name`) and a title for people.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case dns, tcp, tls
        case certificateChain = "certificate_chain"
        case clientCertificate = "client_certificate"
        case authentication, ping
        case serverInfo = "server_info"
        case slowlog
        case latencyDoctor = "latency_doctor"

        public var title: String {
            switch self {
            case .dns: return "DNS resolution"
            case .tcp: return "TCP connect"
            case .tls: return "TLS handshake"
            case .certificateChain: return "certificate chain"
            case .clientCertificate: return "client certificate"
            case .authentication: return "authentication"
            case .ping: return "PING latency"
            case .serverInfo: return "server INFO"
            case .slowlog: return "SLOWLOG"
            case .latencyDoctor: return "LATENCY DOCTOR"
            }
        }
    }

    public var kind: Kind
    public var verdict: DoctorVerdict
    /// Time the step took; nil when it did no I/O (skipped, or read a local file only).
    public var seconds: Double?
    /// One line; for a skipped step, why it was skipped.
    public var summary: String
    public var details: [DoctorField]
    /// What to do about a warning or a critical verdict.
    public var fix: String?

    public init(_ kind: Kind, _ verdict: DoctorVerdict, seconds: Double? = nil, summary: String,
                details: [DoctorField] = [], fix: String? = nil) {
        self.kind = kind
        self.verdict = verdict
        self.seconds = seconds
        self.summary = summary
        self.details = details
        self.fix = fix
    }

    /// A step an earlier failure made impossible, or that does not apply.
    public static func skipped(_ kind: Kind, _ why: String) -> DoctorStep {
        DoctorStep(kind, .skipped, summary: why)
    }
}
