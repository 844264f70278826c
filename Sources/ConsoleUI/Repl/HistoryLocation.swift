/// Where the REPL keeps its history, decided from the environment alone:
///
/// 1. `REDISCONSOLE_HISTFILE`, when set: that path as given (like redis-cli's `REDISCLI_HISTFILE`,
///    no `~` expansion; a relative path is relative to the working directory). `/dev/null` or an
///    empty value turns history off (redis-cli falls back to `$HOME` for an empty value; an
///    explicitly empty setting reads as "none" to us).
/// 2. `$XDG_STATE_HOME/redis-console/history`, when `XDG_STATE_HOME` is an absolute path (the XDG
///    specification says to ignore a relative one).
/// 3. `$HOME/.redisconsole_history`.
/// 4. Without a usable `HOME`: no history file (the in-memory history still works).
public enum HistoryLocation: Sendable, Equatable {
    case file(String)
    case disabled

    public static let overrideVariable = "REDISCONSOLE_HISTFILE"
    public static let defaultFileName = ".redisconsole_history"

    public static func resolve(environment: [String: String]) -> HistoryLocation {
        if let override = environment[overrideVariable] {
            return override.isEmpty || override == "/dev/null" ? .disabled : .file(override)
        }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return .file(joined(state, "redis-console/history"))
        }
        if let home = environment["HOME"], !home.isEmpty {
            return .file(joined(home, defaultFileName))
        }
        return .disabled
    }

    public var path: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    private static func joined(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
