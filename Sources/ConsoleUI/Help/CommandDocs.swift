import ConnCore

/// A set of command documentation, indexed the ways HELP, hints and completion look things up:
/// by lower-case command name, and as one list of every command and subcommand in redis-cli's
/// order (byte order of the upper-case name, so `GEORADIUSBYMEMBER_RO` sorts before
/// `GEORADIUS_RO`, and `CLIENT` before `CLIENT CACHING`).
///
/// Where it comes from: the server's `COMMAND DOCS` (`parse(commandDocsReply:)`) merged over the
/// built-in table of Redis 7.0.15 (`builtIn`). Over our RESP2 decoder the full `COMMAND DOCS`
/// reply does not parse: it nests arrays 12 deep and hiredis 0.14 stops at 8. Ask for names
/// (`COMMAND DOCS name ...`) instead, a few at a time; alone, BITFIELD and CLIENT (12 levels),
/// BITPOS, GEOSEARCH, GEOSEARCHSTORE and CLIENT|KILL (10) and XINFO (9) are still too deep, and
/// the built-in table answers for them.
public struct CommandDocs: Sendable {
    /// Top-level commands by lower-case name ("set", "client").
    public let commands: [String: CommandDoc]
    /// Every command and subcommand, in redis-cli's order (see above).
    public let entries: [CommandDoc]
    /// The group names, distinct and sorted ("bitmap", "cluster", ..., "transactions").
    public let groups: [String]

    public init(_ commands: [String: CommandDoc]) {
        self.commands = commands
        var entries: [CommandDoc] = []
        for command in commands.values {
            entries.append(command)
            entries.append(contentsOf: command.subcommands.values)
        }
        self.entries = entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.groups = Set(entries.map(\.group)).filter { !$0.isEmpty }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The documentation of Redis 7.0.15 (scripts/generate-command-docs.py).
    public static let builtIn = CommandDocs(builtInCommands())

    public static var builtInRedisVersion: String { BuiltInCommandDocs.redisVersion }

    /// This set with `server`'s documentation in place of its own: a command the server
    /// documented is replaced whole (with its subcommands); a lone subcommand ("client|list", from
    /// `COMMAND DOCS client|list`) replaces only that subcommand.
    public func merging(_ server: [String: CommandDoc]) -> CommandDocs {
        var merged = commands
        for (key, doc) in server where !key.contains("|") {
            merged[key] = doc
        }
        for (key, doc) in server {
            guard let bar = key.firstIndex(of: "|") else { continue }
            let container = String(key[..<bar])
            let subcommand = String(key[key.index(after: bar)...])
            var parent = merged[container] ?? CommandDoc(
                name: container.uppercased(), summary: "", since: "", group: doc.group, params: "")
            parent.subcommands[subcommand] = doc
            merged[container] = parent
        }
        return CommandDocs(merged)
    }

    /// The documentation of `words` ("client", "list"), compared as redis-cli compares them
    /// (ASCII case folding, a word ends at its first NUL): the subcommand when the first word is
    /// a container and the second names one of its subcommands, else the command; nil when the
    /// first word is no known command.
    public func lookUp(_ words: [[UInt8]]) -> (doc: CommandDoc, wordsMatched: Int)? {
        guard let first = words.first, let command = commands[Self.key(first)] else { return nil }
        if words.count > 1, let subcommand = command.subcommands[Self.key(words[1])] {
            return (subcommand, 2)
        }
        return (command, 1)
    }

    /// The dictionary key for a typed word: ASCII lower case, up to the first NUL.
    static func key(_ word: [UInt8]) -> String {
        String(decoding: ByteEscaping.cString(word).map(CLocale.lower), as: UTF8.self)
    }

    private static func builtInCommands() -> [String: CommandDoc] {
        var commands: [String: CommandDoc] = [:]
        // Rows are sorted, so a container's row comes before its subcommands' rows.
        for row in BuiltInCommandDocs.rows {
            let doc = CommandDoc(name: row.name, summary: row.summary, since: row.since, group: row.group,
                                 complexity: row.complexity.isEmpty ? nil : row.complexity, params: row.params)
            let words = row.name.lowercased().split(separator: " ", maxSplits: 1).map(String.init)
            if words.count == 2 {
                commands[words[0]]?.subcommands[words[1]] = doc
            } else {
                commands[words[0]] = doc
            }
        }
        return commands
    }
}

/// ASCII-only case folding and blanks, as the C library does them in the C locale (`strcasecmp`,
/// `isspace`): a typed "ＫEYS" or Kelvin sign must not match KEYS.
enum CLocale {
    static func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5a).contains(byte) ? byte + 0x20 : byte }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0d).contains(byte) }

    /// `strcasecmp(a, b) == 0`.
    static func equalFolded(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let a = ByteEscaping.cString(a), b = ByteEscaping.cString(b)
        return a.count == b.count && zip(a, b).allSatisfy { lower($0) == lower($1) }
    }

    /// `strncasecmp(prefix, text, strlen(prefix)) == 0`.
    static func hasPrefixFolded(_ text: [UInt8], _ prefix: [UInt8]) -> Bool {
        text.count >= prefix.count && zip(text, prefix).allSatisfy { lower($0) == lower($1) }
    }
}
