/// What the completion callback offers for the text before the cursor.
public struct CompletionResult: Sendable, Equatable {
    public var candidates: [String]
    /// How many characters before the cursor the candidates replace (the partial word).
    public var replaceLength: Int

    public init(candidates: [String], replaceLength: Int) {
        self.candidates = candidates
        self.replaceLength = replaceLength
    }
}

/// What one Tab does, decided apart from libedit so the rules can be tested directly:
/// readline's rules, as users expect them from a shell.
enum CompletionAction: Equatable {
    /// Replace `count` characters before the cursor with `text`.
    case replace(count: Int, text: String)
    /// A second Tab on an ambiguous word: show the candidates.
    case list([String])
    /// Nothing to add: ring the bell (the next Tab lists, if there is more than one).
    case beep

    /// `typed` is the partial word (the `replaceLength` characters before the cursor);
    /// `isRepeat` says the previous key was a Tab that left the line as it is now.
    static func decide(typed: String, result: CompletionResult, isRepeat: Bool) -> CompletionAction {
        let candidates = result.candidates
        guard let first = candidates.first else { return .beep }
        if candidates.count == 1 { return .replace(count: typed.unicodeScalars.count, text: first + " ") }
        if isRepeat { return .list(candidates) }
        let common = commonPrefix(candidates)
        // Candidates are inserted as given (a typed `se` becomes `SET`), but never shortened.
        if common.unicodeScalars.count >= typed.unicodeScalars.count && common != typed {
            return .replace(count: typed.unicodeScalars.count, text: common)
        }
        return .beep
    }

    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for word in words.dropFirst() {
            let scalars = Array(word.unicodeScalars)
            var length = 0
            while length < min(prefix.count, scalars.count) && prefix[length] == scalars[length] { length += 1 }
            prefix.removeSubrange(length...)
        }
        return TerminalText.string(prefix)
    }
}

/// The candidate list printed below the line, in columns filled top to bottom like `ls`.
enum CandidateColumns {
    static func rows(_ candidates: [String], terminalWidth: Int) -> [String] {
        guard !candidates.isEmpty else { return [] }
        let cellWidth = candidates.map(TerminalText.width(of:)).max()! + 2
        let columns = max(1, (terminalWidth - 1) / cellWidth)
        let rowCount = (candidates.count + columns - 1) / columns
        return (0..<rowCount).map { row in
            var line = ""
            for column in 0..<columns {
                let index = column * rowCount + row
                guard index < candidates.count else { break }
                let candidate = candidates[index]
                let isLast = (column + 1) * rowCount + row >= candidates.count
                line += isLast ? candidate : candidate + String(repeating: " ", count: cellWidth - TerminalText.width(of: candidate))
            }
            return line
        }
    }
}
