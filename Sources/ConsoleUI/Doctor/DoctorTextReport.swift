import ConnCore

/// `--doctor`'s report for people: one block per step (`[ ok ] TLS handshake  3.1 ms  ...`),
/// its details indented under it, then the verdict and a `fix:` line for each step that is not
/// ok. Pure: lines out, the caller prints them. Server text is escaped for the terminal.
public enum DoctorTextReport {
    static let titleWidth = DoctorStep.Kind.allCases.map(\.title.count).max() ?? 0
    static let indent = "       "

    public static func render(_ report: DoctorReport) -> [String] {
        var lines = ["redis-console --doctor \(report.endpoint) at \(UTCDate.format(report.time))", ""]
        for step in report.steps {
            lines.append(headline(step))
            lines += details(step.details, indent: indent)
        }
        lines.append("")
        lines.append(verdictLine(report))
        for step in report.steps where step.verdict == .warning || step.verdict == .critical {
            lines.append("fix: \(step.kind.title): \(step.fix ?? step.summary)")
        }
        return lines.map(safe)
    }

    /// `verdict: WARNING (1 warning, 0 critical)`.
    public static func verdictLine(_ report: DoctorReport) -> String {
        let warnings = report.count(.warning), criticals = report.count(.critical)
        return "verdict: \(report.verdict.rawValue.uppercased()) (\(warnings) warning\(warnings == 1 ? "" : "s"), "
            + "\(criticals) critical)"
    }

    static func headline(_ step: DoctorStep) -> String {
        let time = step.seconds.map { Figures.milliseconds($0) } ?? ""
        let summary = step.verdict == .skipped ? "skipped: \(step.summary)" : step.summary
        return "\(label(step.verdict)) \(pad(step.kind.title, titleWidth)) \(String(repeating: " ", count: max(0, 8 - time.count)))\(time)  \(summary)"
    }

    static func label(_ verdict: DoctorVerdict) -> String {
        switch verdict {
        case .ok: return "[ ok ]"
        case .warning: return "[WARN]"
        case .critical: return "[CRIT]"
        case .skipped: return "[skip]"
        }
    }

    static func details(_ fields: [DoctorField], indent: String) -> [String] {
        let width = fields.map(\.name.count).max() ?? 0
        var lines: [String] = []
        for field in fields {
            let name = indent + pad(field.name, width) + "  "
            switch field.value {
            case .fields(let nested):
                lines.append(indent + field.name)
                lines += details(nested, indent: indent + "  ")
            case .list(let elements) where elements.contains(where: isStructured):
                lines.append(indent + field.name)
                for (index, element) in elements.enumerated() {
                    guard case .fields(let nested) = element else {
                        lines.append(indent + "  [\(index)] " + scalar(element))
                        continue
                    }
                    let block = details(nested, indent: indent + "      ")
                    lines += block.enumerated().map { offset, line in
                        offset == 0 ? indent + "  " + pad("[\(index)]", 4) + String(line.dropFirst(indent.count + 6)) : line
                    }
                }
            case .list(let elements):
                let joined = elements.map(scalar).joined(separator: ", ")
                if joined.count <= 90 || elements.count <= 1 {
                    lines.append(name + (elements.isEmpty ? "(none)" : joined))
                } else {
                    lines.append(name + scalar(elements[0]))
                    lines += elements.dropFirst().map { String(repeating: " ", count: name.count) + scalar($0) }
                }
            default:
                lines.append(name + scalar(field.value))
            }
        }
        return lines
    }

    static func scalar(_ detail: DoctorDetail) -> String {
        switch detail {
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .decimal(let value): return Figures.decimal(value, places: 2)
        case .flag(let value): return value ? "yes" : "no"
        case .seconds(let value): return Figures.fineMilliseconds(value)
        case .bytes(let value): return Figures.bytes(value)
        case .time(let value): return UTCDate.format(value)
        case .list(let elements): return elements.map(scalar).joined(separator: ", ")
        case .fields(let fields): return fields.map { "\($0.name) \(scalar($0.value))" }.joined(separator: ", ")
        }
    }

    private static func isStructured(_ detail: DoctorDetail) -> Bool {
        if case .fields = detail { return true }
        return false
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func safe(_ line: String) -> String {
        String(decoding: TerminalSafeText.escapeControls(Array(line.utf8)), as: UTF8.self)
    }
}
