/// When `--doctor` calls a certificate or a latency a warning or critical. Set by
/// `--cert-warn-days`, `--cert-crit-days`, `--latency-warn-ms` and `--latency-crit-ms`.
public struct DoctorThresholds: Sendable, Equatable {
    /// A certificate with this many whole days left or fewer is a warning...
    public var certificateWarningDays = 30
    /// ...and with this many or fewer (or expired) it is critical.
    public var certificateCriticalDays = 7
    /// PING latency in milliseconds above which the sample is a warning...
    public var latencyWarningMilliseconds = 10.0
    /// ...and above which it is critical.
    public var latencyCriticalMilliseconds = 100.0

    public init() {}

    /// The warning threshold must come before the critical one, or one of them can never fire.
    public func validate() throws(ConsoleError) {
        if certificateCriticalDays > certificateWarningDays {
            throw ConsoleError(
                .usage,
                "--cert-crit-days \(certificateCriticalDays) is more than --cert-warn-days \(certificateWarningDays): "
                    + "a certificate would turn critical before it warns",
                hint: "give --cert-crit-days a number no larger than --cert-warn-days (defaults: 7 and 30)")
        }
        if latencyCriticalMilliseconds < latencyWarningMilliseconds {
            throw ConsoleError(
                .usage,
                "--latency-crit-ms \(ValueParsing.formatSeconds(latencyCriticalMilliseconds)) is less than "
                    + "--latency-warn-ms \(ValueParsing.formatSeconds(latencyWarningMilliseconds)): "
                    + "a latency would turn critical before it warns",
                hint: "give --latency-crit-ms a number no smaller than --latency-warn-ms (defaults: 10 and 100)")
        }
    }

    /// A certificate's verdict by days left (`daysLeft` is negative once expired).
    public func certificateVerdict(_ certificate: CertificateInfo, now: Int64) -> DoctorVerdict {
        switch certificate.expiryLevel(now: now, warningDays: certificateWarningDays,
                                       criticalDays: certificateCriticalDays) {
        case .ok: return .ok
        case .warning: return .warning
        case .critical, .expired: return .critical
        }
    }
}
