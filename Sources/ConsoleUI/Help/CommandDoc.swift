/// One argument of a command as `COMMAND DOCS` describes it: a leaf (`key`, `string`, `integer`,
/// `double`, `pattern`, `unix-time`, `pure-token`) or a group of nested arguments (`block`: all
/// of them in order; `oneof`: exactly one of them).
public struct CommandArgument: Sendable, Equatable {
    public var name: String
    /// The server's type name: "key", "string", "integer", "double", "pattern", "unix-time",
    /// "pure-token", "block", "oneof" (kept as text: a newer server may send another one).
    public var type: String
    /// The literal word that introduces the argument (`EX` in `EX seconds`); "" is a real token
    /// (MIGRATE's empty key), nil is none.
    public var token: String?
    public var isOptional: Bool
    public var isMultiple: Bool
    /// When repeated, each repetition starts with the token again (`PREFIX a PREFIX b`).
    public var isMultipleToken: Bool
    /// The nested arguments of a `block` or `oneof`.
    public var arguments: [CommandArgument]

    public init(name: String, type: String, token: String? = nil, isOptional: Bool = false,
                isMultiple: Bool = false, isMultipleToken: Bool = false, arguments: [CommandArgument] = []) {
        self.name = name
        self.type = type
        self.token = token
        self.isOptional = isOptional
        self.isMultiple = isMultiple
        self.isMultipleToken = isMultipleToken
        self.arguments = arguments
    }

    /// The argument as redis-cli 7.0 writes it in HELP and hints (redis-cli.c `cliAddArgument`):
    /// `[EX seconds|PX milliseconds]`, `key [key ...]`, `[PREFIX prefix [PREFIX prefix ...]]`.
    /// An empty token shows as `""`. scripts/generate-command-docs.py renders the same way, and
    /// its output was checked against `redis-cli help` for every command of 7.0.15.
    public var text: String {
        var tokenPart = token.map { $0.isEmpty ? "\"\"" : $0 } ?? ""
        let repeated: String
        switch type {
        case "oneof": repeated = arguments.map(\.text).joined(separator: "|")
        case "block": repeated = arguments.map(\.text).joined(separator: " ")
        case "pure-token": repeated = ""
        default: repeated = name.isEmpty ? "\"\"" : name
        }
        if !tokenPart.isEmpty, type != "pure-token" { tokenPart += " " }
        var text = tokenPart + repeated
        if isMultiple {
            text += " [" + (isMultipleToken ? tokenPart : "") + repeated + " ...]"
        }
        return isOptional ? "[" + text + "]" : text
    }
}

/// The documentation of one command or subcommand: what `COMMAND DOCS` returns, or a row of the
/// built-in table (which keeps the rendered argument line, not the tree).
public struct CommandDoc: Sendable, Equatable {
    /// Upper case, as redis-cli shows it: "SET", or "CLIENT LIST" for a subcommand.
    public var name: String
    public var summary: String
    public var since: String
    /// The server's group name: "string", "sorted-set", "connection", ...
    public var group: String
    /// "O(1)", ...; nil when the documentation has none.
    public var complexity: String?
    /// The argument tree; nil when the documentation came from the built-in table.
    public var arguments: [CommandArgument]?
    /// The argument line redis-cli shows after the name in HELP and uses for hints
    /// ("key value [NX|XX] ..."); "" for a command without arguments.
    public var params: String
    /// Keyed by the lower-case subcommand name: "list" for CLIENT LIST.
    public var subcommands: [String: CommandDoc]

    /// Documentation with an argument tree: `params` is rendered from it.
    public init(name: String, summary: String, since: String, group: String, complexity: String? = nil,
                arguments: [CommandArgument], subcommands: [String: CommandDoc] = [:]) {
        self.init(name: name, summary: summary, since: since, group: group, complexity: complexity,
                  params: arguments.map(\.text).joined(separator: " "), subcommands: subcommands)
        self.arguments = arguments
    }

    /// Documentation with only the rendered argument line (the built-in table).
    public init(name: String, summary: String, since: String, group: String, complexity: String? = nil,
                params: String, subcommands: [String: CommandDoc] = [:]) {
        self.name = name
        self.summary = summary
        self.since = since
        self.group = group
        self.complexity = complexity
        self.arguments = nil
        self.params = params
        self.subcommands = subcommands
    }

    /// True for a container command (CLIENT, CONFIG, XINFO, ...).
    public var hasSubcommands: Bool { !subcommands.isEmpty }
}
