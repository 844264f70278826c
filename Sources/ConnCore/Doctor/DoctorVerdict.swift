/// One step's verdict. `skipped` is not a judgement: an earlier failure made the step impossible
/// (or it does not apply), and it never changes the overall verdict.
public enum DoctorVerdict: String, Sendable, Equatable, CaseIterable {
    case ok, warning, critical, skipped

    /// 0, 1, 2 for ok, warning, critical; nil for skipped.
    public var severity: Int? {
        switch self {
        case .ok: return 0
        case .warning: return 1
        case .critical: return 2
        case .skipped: return nil
        }
    }

    /// The worse of the verdicts given; `ok` when none judges anything.
    public static func worst(_ verdicts: [DoctorVerdict]) -> DoctorVerdict {
        verdicts.filter { $0 != .skipped }.max { ($0.severity ?? 0) < ($1.severity ?? 0) } ?? .ok
    }
}
