/// A small JSON document builder for our own reports (`--stats --json`, `:pool --json`): keys
/// keep their order so output is stable and diffable.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case integer(Int64)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }

    public static func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    public static func optional(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    public static func optional(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }

    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                JSONValue.string(key).write(to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                element.write(to: &out)
            }
            out += "]"
        case .string(let text):
            var bytes: [UInt8] = []
            ByteEscaping.appendJSONString(Array(text.utf8), to: &bytes)
            out += String(decoding: bytes, as: UTF8.self)
        case .number(let value):
            // Microsecond precision is plenty for seconds; JSON has no NaN or infinity.
            guard value.isFinite else { out += "null"; return }
            let rounded = (value * 1_000_000).rounded() / 1_000_000
            out += rounded == rounded.rounded() && abs(rounded) < 1e15 ? String(Int64(rounded)) : String(rounded)
        case .integer(let value):
            out += String(value)
        case .bool(let value):
            out += value ? "true" : "false"
        case .null:
            out += "null"
        }
    }
}
