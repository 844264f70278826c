/// How long to wait for a command's reply. Blocking commands wait as long as they were told
/// to, plus a margin for the network; the operation timeout would cut them off (and report a
/// BLPOP 10 as "outcome unknown" after 5 s).
public enum CommandTimeout: Sendable, Equatable {
    case seconds(Double)
    /// A blocking command told to wait for ever (timeout 0).
    case forever

    /// Added to a blocking command's own timeout.
    public static let margin: Double = 2

    public static func of(_ argv: [[UInt8]], operationTimeout: Double) -> CommandTimeout {
        guard let name = argv.first.map({ String(decoding: $0, as: UTF8.self).uppercased() }) else {
            return .seconds(operationTimeout)
        }
        func argument(_ index: Int) -> Double? {
            index >= 0 && index < argv.count ? Double(String(decoding: argv[index], as: UTF8.self)) : nil
        }
        func blocking(_ seconds: Double?) -> CommandTimeout {
            guard let seconds, seconds >= 0 else { return .seconds(operationTimeout) }  // the server will refuse it
            return seconds == 0 ? .forever : .seconds(seconds + margin)
        }
        switch name {
        // The timeout is the last argument.
        case "BLPOP", "BRPOP", "BRPOPLPUSH", "BLMOVE", "BZPOPMIN", "BZPOPMAX":
            return blocking(argument(argv.count - 1))
        // The timeout comes first.
        case "BLMPOP", "BZMPOP":
            return blocking(argument(1))
        case "WAIT", "WAITAOF":
            return blocking(argument(argv.count - 1).map { $0 / 1000 })
        // The server answers when the sleep ends (`:fault slow`, timeout tests).
        case "DEBUG" where argv.count == 3 && String(decoding: argv[1], as: UTF8.self).uppercased() == "SLEEP":
            return .seconds(max(operationTimeout, (argument(2) ?? 0) + margin))
        case "XREAD", "XREADGROUP":
            let upper = argv.map { String(decoding: $0, as: UTF8.self).uppercased() }
            guard let block = upper.firstIndex(of: "BLOCK") else { return .seconds(operationTimeout) }
            return blocking(argument(block + 1).map { $0 / 1000 })
        default:
            return .seconds(operationTimeout)
        }
    }
}

extension Deadline {
    public static func after(_ timeout: CommandTimeout) -> Deadline {
        switch timeout {
        case .seconds(let seconds): return .after(seconds: seconds)
        case .forever: return Deadline(nanoseconds: .max)
        }
    }
}
