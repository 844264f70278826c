import ConnCore

/// `--doctor --json`: one object, `{verdict, exit_code, endpoint, time, steps: [{name, title,
/// verdict, seconds, summary, fix, details}]}`. Durations are seconds, sizes bytes, times UTC
/// seconds since 1970; detail names are snake_case.
public enum DoctorJSON {
    public static func render(_ report: DoctorReport) -> JSONValue {
        .object([
            ("verdict", .string(report.verdict.rawValue)),
            ("exit_code", .int(Int(report.exitCode))),
            ("endpoint", .string(report.endpoint)),
            ("time", .integer(report.time)),
            ("warnings", .int(report.count(.warning))),
            ("criticals", .int(report.count(.critical))),
            ("steps", .array(report.steps.map(step))),
        ])
    }

    static func step(_ step: DoctorStep) -> JSONValue {
        .object([
            ("name", .string(step.kind.rawValue)),
            ("title", .string(step.kind.title)),
            ("verdict", .string(step.verdict.rawValue)),
            ("seconds", .optional(step.seconds)),
            ("summary", .string(step.summary)),
            ("fix", .optional(step.fix)),
            ("details", fields(step.details)),
        ])
    }

    static func fields(_ fields: [DoctorField]) -> JSONValue {
        .object(fields.map { (key($0.name), value($0.value)) })
    }

    static func value(_ detail: DoctorDetail) -> JSONValue {
        switch detail {
        case .text(let text): return .string(text)
        case .integer(let value), .bytes(let value): return .int(value)
        case .decimal(let value), .seconds(let value): return .number(value)
        case .flag(let value): return .bool(value)
        case .time(let value): return .integer(value)
        case .list(let elements): return .array(elements.map(value))
        case .fields(let nested): return fields(nested)
        }
    }

    /// "days left" -> "days_left".
    static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
    }
}
