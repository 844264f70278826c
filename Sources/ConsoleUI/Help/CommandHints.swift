/// The grey hint redis-cli 7.0 shows after the input line (redis-cli.c `hintsCallback`), from
/// the documentation's argument line with the arguments already typed taken off.
///
/// The rule, checked key by key against redis-cli 7.0.15 in tmux:
/// - The line is split as the REPL splits it (`ArgvSplitter`); an empty line or unbalanced
///   quotes give no hint. The command is matched case-insensitively, the subcommand too when the
///   first word is a container (`client list` uses CLIENT LIST's line); an unknown command gives
///   no hint.
/// - Each argument typed after the command removes one word of the argument line, left to right,
///   until the line reaches a `[`: optional parts are never removed, whatever was typed
///   (`SET k v EX 10 ` still shows `[NX|XX] [GET] [EX seconds|...]`).
/// - When the line does not end in a blank the hint starts with a space (`GET` + ` key`).
public enum CommandHints {
    /// The text to show after the cursor, or nil for none (also when redis-cli's hint would be
    /// blank, as after `GET k ` or `CLIENT`).
    public static func hint(for line: String, docs: CommandDocs) -> String? {
        let bytes = Array(Array(line.utf8).prefix { $0 != 0 })
        guard let argv = ArgvSplitter.split(bytes), !argv.isEmpty,
              let (doc, matched) = docs.lookUp(argv) else { return nil }
        var hint = Substring(doc.params)
        var toRemove = argv.count - matched
        while toRemove > 0, let first = hint.first, first != "[" {
            if first == " " { toRemove -= 1 }
            hint.removeFirst()
        }
        let endsInBlank = bytes.last.map(CLocale.isSpace) ?? false
        let text = endsInBlank ? String(hint) : " " + hint
        return text.allSatisfy { $0 == " " } ? nil : text
    }
}
