/// The REPL's `HELP` / `?` (redis-cli.c 7.0 `cliOutputHelp`), byte for byte what redis-cli
/// 7.0.15 prints on a tty, then, beyond redis-cli, each command's complexity when known.
///
/// - `HELP` alone: the generic text (lines end in `\n`).
/// - `HELP @group` (case-insensitive): every command and subcommand of the group in byte order,
///   without the group line; further words are ignored. An unknown group prints only `\r\n`.
/// - `HELP word...`: every command and subcommand whose first words equal the given ones
///   (case-insensitive): `HELP CONFIG` shows CONFIG and all its subcommands, `HELP config get`
///   only CONFIG GET, `HELP nosuch` or `HELP SET x` only `\r\n`.
/// - Each block: `\r\n  ESC[1mNAME ESC[0m ESC[90mPARAMS ESC[0m\r\n  ESC[33msummary:ESC[0m ...\r\n
///   ESC[33msince:ESC[0m ...\r\n  ESC[33mgroup:ESC[0m ...\r\n` (without the blanks around ESC),
///   the output ends with `\r\n`. The complexity line follows redis-cli's lines in the same style.
public enum CommandHelp {
    /// True when the REPL should answer the line itself: its first word is `help` or `?`
    /// (case-insensitive), as redis-cli checks before sending anything.
    public static func isHelpCommand(_ argv: [[UInt8]]) -> Bool {
        guard let first = argv.first else { return false }
        return CLocale.equalFolded(first, Array("help".utf8)) || CLocale.equalFolded(first, Array("?".utf8))
    }

    /// The output for `HELP topics...` (`topics`: the words after HELP). `versionLine` is the
    /// first line of the generic text (redis-cli prints "redis-cli 7.0.15"). Without
    /// `includeComplexity` the output is exactly redis-cli's.
    public static func render(_ topics: [[UInt8]], docs: CommandDocs, versionLine: String,
                              includeComplexity: Bool = true) -> [UInt8] {
        guard let first = topics.first else { return Array(genericHelp(versionLine).utf8) }
        var out = ""
        if first.first == UInt8(ascii: "@"),
           let group = docs.groups.first(where: { CLocale.equalFolded(Array(first.dropFirst()), Array($0.utf8)) }) {
            for doc in docs.entries where doc.group == group {
                out += block(doc, showGroup: false, includeComplexity: includeComplexity)
            }
        } else {
            for doc in docs.entries {
                let words = doc.name.split(separator: " ").map { Array($0.utf8) }
                guard topics.count <= words.count,
                      zip(topics, words).allSatisfy({ CLocale.equalFolded($0, $1) }) else { continue }
                out += block(doc, showGroup: true, includeComplexity: includeComplexity)
            }
        }
        return Array((out + "\r\n").utf8)
    }

    /// The same, for topics as text.
    public static func render(_ topics: [String], docs: CommandDocs, versionLine: String,
                              includeComplexity: Bool = true) -> [UInt8] {
        render(topics.map { Array($0.utf8) }, docs: docs, versionLine: versionLine,
               includeComplexity: includeComplexity)
    }

    private static func block(_ doc: CommandDoc, showGroup: Bool, includeComplexity: Bool) -> String {
        var text = "\r\n  \u{1b}[1m\(doc.name)\u{1b}[0m \u{1b}[90m\(doc.params)\u{1b}[0m\r\n"
            + field("summary", doc.summary) + field("since", doc.since)
        if showGroup { text += field("group", doc.group) }
        if includeComplexity, let complexity = doc.complexity, !complexity.isEmpty {
            text += field("complexity", complexity)
        }
        return text
    }

    private static func field(_ label: String, _ value: String) -> String {
        "  \u{1b}[33m\(label):\u{1b}[0m \(value)\r\n"
    }

    /// redis-cli.c `cliOutputGenericHelp`.
    static func genericHelp(_ versionLine: String) -> String {
        """
        \(versionLine)
        To get help about Redis commands type:
              "help @<group>" to get a list of commands in <group>
              "help <command>" for help on <command>
              "help <tab>" to get a list of possible help topics
              "quit" to exit

        To set redis-cli preferences:
              ":set hints" enable online hints
              ":set nohints" disable online hints
        Set your preferences in ~/.redisclirc

        """
    }
}
