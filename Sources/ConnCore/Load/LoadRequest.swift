/// `:load` inside the console: start the load generator with the `--load` flags' words
/// (`:load --workers 80 --commands GET,SET --duration 30`, or `:load start` for the defaults),
/// `:load stop`, or `:load` alone (or `:load status`) for how a run is going. Pure: the words become settings, checked as `--load` checks them.
public enum LoadRequest: Sendable, Equatable {
    case start(LoadSettings)
    case stop
    case status

    public static let usage = ":load start | :load [--workers N] [--commands GET,SET,...] [--keys K] [--value-size B] "
        + "[--rate R] [--duration S] [--pipeline P] | :load stop | :load status"

    public static func parse(_ words: [String], profile: Profile, readOnly: Bool = false) throws(ConsoleError) -> LoadRequest {
        switch words.first?.lowercased() {
        case nil: return .status  // asking how it goes must never start a write load
        case "stop"? where words.count == 1: return .stop
        case "status"? where words.count == 1: return .status
        case "start"?: return try start(Array(words.dropFirst()), profile: profile, readOnly: readOnly)
        default: return try start(words, profile: profile, readOnly: readOnly)
        }
    }

    static func start(_ words: [String], profile: Profile, readOnly: Bool) throws(ConsoleError) -> LoadRequest {
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
        if readOnly, settings.writes {
            let written = settings.commands.filter(\.writes).map(\.rawValue).joined(separator: ",")
            throw ConsoleError(.usage, "refused: this console is --read-only and the load mix writes (\(written))",
                               hint: "use a read-only mix, e.g. :load --commands GET,HGET,PING")
        }
        return .start(settings)
    }
}
