/// Tab completion of the command at the start of the line.
///
/// Like redis-cli 7.0 (`completionCallback`): names match case-insensitively and complete to
/// upper case (`se` -> SELECT, SET, SETBIT, ...), in byte order; the replaced text runs from the
/// command's first letter to the cursor, so `client l` becomes `CLIENT LIST`; after `help ` the
/// topic completes, groups (`@string`) included. Two deliberate differences: redis-cli offers a
/// container's subcommands together with the commands (`cl` lists CLIENT, CLIENT CACHING, ...,
/// CLUSTER, CLUSTER ADDSLOTS, ...), here the first word completes to commands and the
/// subcommands come after the container (`client ` or `client l`); and blanks before the command
/// or between container and subcommand are allowed. Meta commands (`:pool`) complete from the
/// caller's list. Nothing else completes: arguments are keys and values the console cannot know.
public enum CommandCompletion {
    /// Candidates to put in place of the last `replaceLength` characters before the cursor;
    /// no candidates (and 0) when nothing completes. `cursor` counts characters from the start
    /// of `line` (default: its end); text after the cursor is not looked at.
    public static func complete(_ line: String, cursor: Int? = nil, docs: CommandDocs,
                                metaCommands: [String] = []) -> (candidates: [String], replaceLength: Int) {
        let beforeCursor = cursor.map { String(line.prefix(max(0, $0))) } ?? line
        let body = Array(beforeCursor.utf8.drop(while: CLocale.isSpace))
        let candidates: [String]
        var replaced = body
        if let topic = helpTopic(body) {
            replaced = topic
            let groups = topic.contains(where: CLocale.isSpace) ? [] : docs.groups.map { "@" + $0 }.filter {
                CLocale.hasPrefixFolded(Array($0.utf8), topic)
            }
            candidates = groups + (topic.first == UInt8(ascii: "@") ? [] : commandCandidates(topic, docs: docs))
        } else if body.first == UInt8(ascii: ":") {
            candidates = body.contains(where: CLocale.isSpace) ? [] : metaCommands.filter {
                CLocale.hasPrefixFolded(Array($0.utf8), body)
            }
        } else {
            candidates = commandCandidates(body, docs: docs)
        }
        return candidates.isEmpty ? ([], 0) : (candidates, String(decoding: replaced, as: UTF8.self).count)
    }

    /// What follows `help ` (case-insensitive, one or more blanks), or nil.
    private static func helpTopic(_ body: [UInt8]) -> [UInt8]? {
        let help = Array("help".utf8)
        guard body.count > help.count, CLocale.hasPrefixFolded(body, help),
              CLocale.isSpace(body[help.count]) else { return nil }
        return Array(body[help.count...].drop(while: CLocale.isSpace))
    }

    /// `text` is the command being typed: one word (complete the command) or a container, blanks
    /// and the start of a subcommand (complete the subcommand).
    private static func commandCandidates(_ text: [UInt8], docs: CommandDocs) -> [String] {
        let words = text.split(omittingEmptySubsequences: true, whereSeparator: CLocale.isSpace).map(Array.init)
        let endsInBlank = text.last.map(CLocale.isSpace) ?? false
        switch (words.count, endsInBlank) {
        case (0, _), (1, false):
            let prefix = words.first ?? []
            return sorted(docs.commands.values.map(\.name).filter { CLocale.hasPrefixFolded(Array($0.utf8), prefix) })
        case (1, true), (2, false):
            guard let container = docs.commands[CommandDocs.key(words[0])] else { return [] }
            let prefix = words.count == 2 ? words[1] : []
            return sorted(container.subcommands.values.map(\.name).filter { name in
                let subcommand = name.utf8.drop { $0 != UInt8(ascii: " ") }.dropFirst()
                return CLocale.hasPrefixFolded(Array(subcommand), prefix)
            })
        default:
            return []
        }
    }

    private static func sorted(_ names: [String]) -> [String] {
        names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
