/// `:load` inside the console: start the load generator with the `--load` flags' words
/// (`:load --workers 80 --commands GET,SET --duration 30`), `:load stop`, or `:load` alone for
/// how a run is going. Pure: the words become settings, checked as `--load` checks them.
public enum LoadRequest: Sendable, Equatable {
    case start(LoadSettings)
    case stop
    case status

    public static let usage = ":load [--workers N] [--commands GET,SET,...] [--keys K] [--value-size B] "
        + "[--rate R] [--duration S] [--pipeline P] | :load stop | :load status"

    public static func parse(_ words: [String], profile: Profile) throws(ConsoleError) -> LoadRequest {
        switch words.first?.lowercased() {
        case "stop"? where words.count == 1: return .stop
        case "status"? where words.count == 1: return .status
        default: break
        }
        var settings = LoadSettings()
        var index = 0
        while index < words.count {
            let flag = words[index]
            guard LoadSettings.flags.contains(flag) else {
                throw ConsoleError(.usage, ":load does not know '\(flag)'", hint: usage)
            }
            guard index + 1 < words.count else {
                throw ConsoleError(.usage, ":load \(flag) needs a value", hint: usage)
            }
            try settings.apply(flag, words[index + 1])
            index += 2
        }
        try settings.validate(load: true, profile: profile, hasCommand: false)
        return .start(settings)
    }
}
