/// Text-to-value conversions shared by flags and environment variables, so that `-p x` and
/// `REDIS_PORT=x` fail the same way. `origin` is what the user typed (`-p`, `REDIS_PORT`) and is
/// named in the message. Never used for passwords: the value is echoed.
enum ValueParsing {
    static let portRange = 1...65535

    static func port(_ text: String, origin: String) throws(ConsoleError) -> Int {
        guard let value = Int(text), portRange.contains(value) else {
            var hint = "give a port number from 1 to 65535, e.g. \(example(origin, "6379"))"
            if text.lowercased().hasPrefix("tcp://") {
                // Docker links and Kubernetes services inject REDIS_PORT=tcp://ip:port.
                hint = "this looks like a Docker/Kubernetes service variable; set \(origin) to a "
                    + "number, or pass -p PORT (or -u rediss://host:port) to override it"
            }
            throw ConsoleError(
                .usage, "\(origin): '\(text)' is not a valid port (expected 1 to 65535)", hint: hint)
        }
        return value
    }

    static func database(_ text: String, origin: String) throws(ConsoleError) -> Int {
        guard let value = Int(text), value >= 0 else {
            throw ConsoleError(
                .usage, "\(origin): '\(text)' is not a valid database number (expected 0 or more)",
                hint: "give a database index, e.g. \(example(origin, "0"))")
        }
        return value
    }

    /// Seconds, decimals allowed (`0.5`). `allowZero` is for keepalive, where 0 means off.
    static func seconds(_ text: String, origin: String, allowZero: Bool) throws(ConsoleError) -> Double {
        let bound = allowZero ? "0 or more" : "more than 0"
        guard let value = Double(text), value.isFinite, allowZero ? value >= 0 : value > 0 else {
            throw ConsoleError(
                .usage, "\(origin): '\(text)' is not a valid number of seconds (\(bound))",
                hint: "give seconds as a number, decimals allowed, e.g. \(example(origin, "2.5"))")
        }
        return value
    }

    /// A rate in updates per second within `range` (`--refresh`).
    static func hertz(_ text: String, origin: String, range: ClosedRange<Double>) throws(ConsoleError) -> Double {
        guard let value = Double(text), value.isFinite, range.contains(value) else {
            throw ConsoleError(
                .usage, "\(origin): '\(text)' is not a rate from \(formatSeconds(range.lowerBound)) to \(formatSeconds(range.upperBound)) per second",
                hint: "give updates per second, decimals allowed, e.g. \(example(origin, "2"))")
        }
        return value
    }

    /// Milliseconds, decimals allowed, more than 0 (`--latency-warn-ms 2.5`).
    static func milliseconds(_ text: String, origin: String) throws(ConsoleError) -> Double {
        guard let value = Double(text), value.isFinite, value > 0 else {
            throw ConsoleError(
                .usage, "\(origin): '\(text)' is not a valid number of milliseconds (more than 0)",
                hint: "give milliseconds as a number, decimals allowed, e.g. \(example(origin, "10"))")
        }
        return value
    }

    /// A whole number within `range` (`--pool-size`, `--retries`).
    static func count(_ text: String, origin: String, range: ClosedRange<Int>) throws(ConsoleError) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw ConsoleError(
                .usage, "\(origin): '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                hint: "e.g. \(example(origin, String(range.lowerBound + 1)))")
        }
        return value
    }

    /// `-r`: any integer; a negative count means "for ever", as in redis-cli.
    static func repeatCount(_ text: String, origin: String) throws(ConsoleError) -> Int {
        guard let value = Int(text) else {
            throw ConsoleError(
                .usage, "\(origin): '\(text)' is not a whole number",
                hint: "give a repeat count, e.g. -r 10 (-r -1 repeats for ever)")
        }
        return value < 0 ? -1 : value
    }

    /// REDIS_SSL and friends: true/false/1/0/yes/no, any case.
    static func boolean(_ text: String, origin: String) throws(ConsoleError) -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default:
            throw ConsoleError(
                .usage, "\(origin): '\(text)' is not a yes/no value",
                hint: "set \(origin) to true, false, 1, 0, yes or no")
        }
    }

    static func profile(_ text: String, origin: String) throws(ConsoleError) -> Profile {
        guard let profile = Profile(rawValue: text.lowercased()) else {
            throw ConsoleError(
                .usage, "\(origin): unknown profile '\(text)'",
                hint: "use one of: " + Profile.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return profile
    }

    /// `-h [::1]` is accepted as `::1`: the brackets belong to URLs, not to host names.
    static func host(_ text: String) -> String {
        if text.hasPrefix("["), text.hasSuffix("]"), text.count > 2 {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// Renders a number of seconds without a useless `.0`.
    static func formatSeconds(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    private static func example(_ origin: String, _ value: String) -> String {
        origin.hasPrefix("-") ? "\(origin) \(value)" : "\(origin)=\(value)"
    }
}
