import ConnCore

/// A REPL line that starts with `:` asks the console about itself instead of the server:
/// `:pool`, `:health`, `:cert`, `:tls`, `:latency`, `:retries`, `:config`, `:help`, each with an
/// optional `--json` (one JSON object instead of text). Names are matched without case.
///
/// redis-cli uses `:set hints` / `:set nohints` for its preferences; we have no such settings,
/// so `:set` is an unknown meta command like any other.
public struct MetaCommand: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case pool, health, cert, tls, latency, retries, config, help

        /// One line for `:help` and for the error that lists the known ones.
        public var summary: String {
            switch self {
            case .pool: "connection pool: in use, idle, waiters, opened and closed, acquire wait"
            case .health: "server health: latest probe, status and reasons, recent PINGs"
            case .cert: "the server's certificate chain and the client certificate, with days left"
            case .tls: "TLS version, cipher, handshake time, session resumption"
            case .latency: "command latency: overall and per command, p50 to max"
            case .retries: "the event log: retries, outcomes, reconnects, pool exhaustion"
            case .config: "the effective configuration and where each value came from"
            case .help: "this list"
            }
        }
    }

    /// Meta commands that act instead of showing, each with arguments of its own.
    public static let actions: [(name: String, summary: String)] = [
        ("fault", "inject a fault for a demo: kill | pause [s] | slow [s] | restart (never in production)"),
        ("load", "load generator in the background: start | --workers N --commands GET,SET ... | stop | status"),
    ]

    /// Every meta command's name with its colon, for completion.
    public static var allNames: [String] {
        Kind.allCases.map { ":" + $0.rawValue } + actions.map { ":" + $0.name }
    }

    /// The action a line starts (`:fault pause 2` gives `fault` and `["pause", "2"]`), or nil.
    public static func action(in line: [UInt8]) -> (name: String, arguments: [String])? {
        guard let argv = ArgvSplitter.split(line), let first = argv.first, first.first == UInt8(ascii: ":") else { return nil }
        let name = String(decoding: first.dropFirst(), as: UTF8.self).lowercased()
        guard actions.contains(where: { $0.name == name }) else { return nil }
        return (name, argv.dropFirst().map { String(decoding: $0, as: UTF8.self) })
    }

    public var kind: Kind
    public var json: Bool

    public init(_ kind: Kind, json: Bool = false) {
        self.kind = kind
        self.json = json
    }

    /// Whether the REPL should hand `line` to `parse` rather than to the server: its first
    /// argument starts with `:` (redis-cli tests `argv[0][0] == ':'` the same way).
    public static func isMeta(_ line: [UInt8]) -> Bool {
        ArgvSplitter.split(line)?.first?.first == UInt8(ascii: ":")
    }

    /// The meta command on `line`; an unknown name or option is a `.usage` error that lists the
    /// known ones.
    public static func parse(_ line: [UInt8]) throws(ConsoleError) -> MetaCommand {
        guard let argv = ArgvSplitter.split(line), let first = argv.first, first.first == UInt8(ascii: ":") else {
            throw ConsoleError(.usage, "not a meta command: it must start with ':'", hint: knownList)
        }
        guard let kind = Kind(rawValue: String(decoding: first.dropFirst(), as: UTF8.self).lowercased()) else {
            throw ConsoleError(.usage, "unknown meta command \(quoted(first))", hint: knownList)
        }
        var json = false
        for option in argv.dropFirst() {
            guard String(decoding: option, as: UTF8.self).lowercased() == "--json" else {
                throw ConsoleError(.usage, "unknown option \(quoted(option)) for :\(kind.rawValue)",
                                   hint: ":\(kind.rawValue) takes only --json")
            }
            json = true
        }
        return MetaCommand(kind, json: json)
    }

    /// "known meta commands: :pool, :health, ... (each takes --json)".
    public static var knownList: String {
        "known meta commands: " + Kind.allCases.map { ":" + $0.rawValue }.joined(separator: ", ") + " (each takes --json); "
            + actions.map { ":" + $0.name }.joined(separator: ", ")
    }

    /// Typed text quoted redis-cli style, so control characters are never echoed raw.
    private static func quoted(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        ByteEscaping.appendRepr(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
