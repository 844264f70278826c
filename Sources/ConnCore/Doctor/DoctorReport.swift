/// Every step of one `--doctor` run and the verdict they add up to. The exit code follows the
/// monitoring-plugin convention: 0 ok, 1 warning, 2 critical (the worst step decides).
public struct DoctorReport: Sendable, Equatable {
    /// The connection as a URL, password masked.
    public var endpoint: String
    /// When the run started, UTC seconds since 1970.
    public var time: Int64
    public var steps: [DoctorStep]

    public init(endpoint: String, time: Int64, steps: [DoctorStep]) {
        self.endpoint = endpoint
        self.time = time
        self.steps = steps
    }

    public var verdict: DoctorVerdict { DoctorVerdict.worst(steps.map(\.verdict)) }

    public var exitCode: Int32 { Int32(verdict.severity ?? 0) }

    public func count(_ verdict: DoctorVerdict) -> Int {
        steps.filter { $0.verdict == verdict }.count
    }

    public func step(_ kind: DoctorStep.Kind) -> DoctorStep? {
        steps.first { $0.kind == kind }
    }
}
